/* `jindu review` as a terminal screen (ncursesw): one item at a time, its
 * quote wrapped by display width (a CJK character takes two columns) with
 * the figure's number highlighted, the figure as it stands, a message line
 * and a status line with the position and the keys. Redrawn whole on every
 * key and on a resize. Decisions go through review.h, which appends them to
 * the overrides file. */
#define _XOPEN_SOURCE 700
#define NCURSES_WIDECHAR 1
#include "review-screen.h"

#include <curses.h>
#include <gio/gio.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "jindu/names.h"
#include "jindu/numeral.h"

G_STATIC_ASSERT(sizeof(wchar_t) == sizeof(gunichar));

typedef struct {
  jd_review *r;
  guint i;          /* the item shown; == the count: the end page */
  jd_figure *draft; /* the correction being made, or NULL */
  GString *msg;     /* the message line */
  gboolean msg_bad; /* the message says something went wrong */
  const char *prompt; /* while a line is typed: its prompt, and the text so far */
  GArray *typed;    /* of wchar_t */
  GError *error;    /* a decision that could not be written */
} screen;

static guint count(const screen *s)
{
  return s->r->items->len;
}

static const jd_review_item *item(const screen *s)
{
  return s->i < count(s) ? g_ptr_array_index(s->r->items, s->i) : NULL;
}

static void say(screen *s, gboolean bad, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void say(screen *s, gboolean bad, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  g_string_vprintf(s->msg, fmt, ap);
  va_end(ap);
  s->msg_bad = bad;
}

/* Bytes [start, end) of a text drawn with attr. */
typedef struct {
  size_t start, end;
  attr_t attr;
} mark;

/* Draws text from row y, column x, wrapping at column right (exclusive) to
 * column indent, on rows before bottom; the bytes of each mark get its
 * attribute. Returns the row after the last one drawn. */
static int draw_marked(int y, int x, int indent, int right, int bottom, const char *text,
                       const mark *marks, size_t n_marks)
{
  int col = x;
  for (const char *p = text; *p && y < bottom; p = g_utf8_next_char(p)) {
    wchar_t wc = (wchar_t)g_utf8_get_char(p);
    int w = wcwidth(wc);
    if (wc == L'\n' || wc == L'\t' || w < 0) {
      wc = L' ';
      w = 1;
    }
    if (col + w > right) {
      if (++y >= bottom) break;
      col = indent;
    }
    size_t off = (size_t)(p - text);
    attr_t a = A_NORMAL;
    for (size_t k = 0; k < n_marks; k++)
      if (off >= marks[k].start && off < marks[k].end) a |= marks[k].attr;
    if (a) attron(a);
    mvaddnwstr(y, col, &wc, 1);
    if (a) attroff(a);
    col += w;
  }
  return y + 1;
}

static int draw_text(int y, int x, int indent, int right, int bottom, const char *text,
                     size_t hl_start, size_t hl_end, attr_t hl)
{
  mark m = {hl_start, hl_end, hl};
  return draw_marked(y, x, indent, right, bottom, text, &m, 1);
}

/* One line, cut at the screen's edge. */
static void draw_line(int y, int x, const char *text, attr_t a)
{
  if (y < 0 || y >= LINES) return;
  draw_text(y, x, x, COLS, y + 1, text, 0, a ? strlen(text) : 0, a);
}

/* A bar across the screen (title, status). */
static void draw_bar(int y, const char *text)
{
  mvhline(y, 0, ' ' | A_REVERSE, COLS);
  draw_line(y, 0, text, A_REVERSE);
}

static char *value_text(const jd_figure *f)
{
  g_autofree char *v = jd_figure_format_value(f->value);
  const char *q = jd_qualifier_to_string(f->qualifier);
  return g_strdup_printf("%s %s%s%s  (%s)", v, jd_unit_name(f->unit), strcmp(q, "exact") ? "  " : "",
                         strcmp(q, "exact") ? q : "", jd_kind_to_string(f->kind));
}

/* The figure's fields, with the keys that correct them while correcting
 * (a field changed from was is marked *). Returns the next row. */
static int draw_figure(int y, int bottom, const jd_figure *f, const jd_figure *was)
{
  g_autofree char *metric_name = jd_metric_name(f->metric);
  g_autofree char *metric = g_strdup_printf("%s（%s）", metric_name, f->metric);
  g_autofree char *period = g_strdup_printf("%s（%s）", f->period, *f->span ? f->span : "-");
  g_autofree char *value = value_text(f);
  const char *scope = !*f->scope ? "（全部，无限定）" : strcmp(f->scope, "?") ? f->scope : "?（不明）";
  const struct {
    const char *label, *text;
    gboolean changed;
    char key;
  } rows[] = {
      {"指标", metric, was && strcmp(f->metric, was->metric), 'm'},
      {"范围", scope, was && strcmp(f->scope, was->scope), 'o'},
      {"毒品", *f->drug ? jd_drug_name(f->drug) : NULL, FALSE, 0},
      {"地区", *f->region ? f->region : "—", was && strcmp(f->region, was->region), 'r'},
      {"时期", period, was && strcmp(f->period, was->period), 'p'},
      {"数值", value, was && f->value != was->value, 'v'},
  };
  for (size_t k = 0; k < G_N_ELEMENTS(rows) && y < bottom; k++) {
    if (!rows[k].text) continue;
    g_autofree char *head = was && rows[k].key
                                ? g_strdup_printf("%c[%c] %s", rows[k].changed ? '*' : ' ',
                                                  rows[k].key, rows[k].label)
                                : g_strdup_printf("      %s", rows[k].label);
    draw_line(y, 2, head, was && rows[k].key ? A_BOLD : A_NORMAL);
    y = draw_text(y, 15, 15, COLS, bottom, rows[k].text, 0, 0, A_NORMAL);
  }
  return y;
}

static const char *decision_word(char d)
{
  return d == 'a' ? "已接受" : d == 'c' ? "已更正" : d == 'w' ? "已撤回" : NULL;
}

/* The page of one item. */
static void draw_item(const screen *s, int bottom)
{
  const jd_review_item *it = item(s);
  const jd_figure *f = it->figure;
  g_autofree char *head = g_strdup_printf("第 %u/%u 项  %s", s->i + 1, count(s), it->why);
  int y = draw_text(2, 1, 3, COLS, bottom, head, strlen(head) - strlen(it->why), strlen(head),
                    A_BOLD);
  g_autofree char *where = g_strdup_printf("文件：%s  第%u行%s%s", f->doc, f->line,
                                           *f->where ? "  " : "", f->where);
  y = draw_text(y, 1, 3, COLS, bottom, where, 0, 0, A_NORMAL) + 1;
  /* the sentence the quote stands in, the quote underlined, its number
   * highlighted; the quote alone when its document is not at hand */
  size_t qs = 0, qe = 0, hs = 0, he = 0;
  const char *sentence = jd_review_sentence(s->r, s->i, &qs, &qe);
  gboolean number = jd_review_number_span(s->r, f, &hs, &he);
  if (!sentence) qe = qs = 0;
  const mark marks[] = {{qs, qe, A_UNDERLINE}, {qs + hs, number ? qs + he : 0, A_REVERSE | A_BOLD}};
  draw_line(y++, 1, sentence ? "原文（所在句子，引文加下划线）：" : "原文：", A_BOLD);
  int quote_bottom = MAX(y + 1, bottom - 9); /* room for the figure below */
  y = draw_marked(y, 3, 3, COLS - 1, quote_bottom, sentence ? sentence : f->quote, marks,
                  G_N_ELEMENTS(marks)) + 1;
  draw_line(y++, 1, s->draft ? "更正为：（按字母改一项，回车保存）" : "现为：", A_BOLD);
  y = draw_figure(y, bottom, s->draft ? s->draft : f, s->draft ? f : NULL);
  const char *done = decision_word(it->decision);
  if (done && y < bottom) {
    g_autofree char *line = g_strdup_printf("本次%s（已追加到 overrides 文件）", done);
    draw_line(y + 1, 1, line, A_BOLD);
  }
}

/* The items decided in this session. */
static guint decided_count(const jd_review *r)
{
  guint n = 0;
  for (guint k = 0; k < r->items->len; k++) {
    const jd_review_item *it = g_ptr_array_index(r->items, k);
    n += it && it->decision;
  }
  return n;
}

static void draw_end(const screen *s, int bottom)
{
  guint decided = decided_count(s->r);
  g_autofree char *text = g_strdup_printf(
      "已看完全部 %u 项：本次决定 %u 项，%u 项留待下次。按 b 回到上一项，q 退出；"
      "然后运行 jindu build 使用这些决定。", count(s), decided, count(s) - decided);
  draw_text(2, 1, 1, COLS - 1, bottom, text, 0, 0, A_NORMAL);
}

/* The status line: position and the keys of the current mode. */
static void draw_status(const screen *s)
{
  const char *keys = s->prompt ? "回车 确定  Esc 取消  ^U 清空"
                     : s->draft ? "更正：m 指标  o 范围  r 地区  p 时期  v 数值  回车 保存  Esc 放弃"
                     : s->i < count(s) ? "a 接受  c 更正  w 撤回  s 跳过  b 上一项  q 退出"
                                       : "b 上一项  q 退出";
  g_autofree char *text = g_strdup_printf(" %u/%u │ %s", MIN(s->i + 1, count(s)), count(s), keys);
  draw_bar(LINES - 1, text);
}

/* The prompt and what was typed so far, on the message line; the tail
 * stays in view. Leaves the cursor after it. */
static void draw_prompt(const screen *s)
{
  int y = LINES - 2;
  move(y, 0);
  clrtoeol();
  draw_line(y, 0, s->prompt, A_BOLD);
  int x = 0;
  for (const char *p = s->prompt; *p; p = g_utf8_next_char(p)) {
    int cw = wcwidth((wchar_t)g_utf8_get_char(p));
    x += MAX(0, cw);
  }
  const wchar_t *t = (const wchar_t *)(const void *)s->typed->data;
  size_t n = s->typed->len, from = 0;
  int w = 0;
  for (size_t k = 0; k < n; k++) {
    int cw = wcwidth(t[k]);
    w += MAX(0, cw);
  }
  while (from < n && x + w >= COLS - 1) {
    int cw = wcwidth(t[from++]);
    w -= MAX(0, cw);
  }
  if (n > from) mvaddnwstr(y, MIN(x, COLS - 1), t + from, (int)(n - from));
  move(y, MIN(x + w, COLS - 1));
}

static void draw(const screen *s)
{
  erase();
  if (LINES < 8 || COLS < 24) {
    draw_text(0, 0, 0, COLS, LINES, "窗口太小：请放大到至少 24×8 (q 退出)", 0, 0, A_NORMAL);
    refresh();
    return;
  }
  g_autofree char *title = g_strdup_printf(" jindu review 人工审核 — 决定追加到 %s", s->r->path);
  draw_bar(0, title);
  if (item(s))
    draw_item(s, LINES - 3);
  else
    draw_end(s, LINES - 3);
  draw_status(s);
  if (s->prompt)
    draw_prompt(s); /* last: the cursor stays where the typing goes */
  else if (s->msg->len)
    draw_line(LINES - 2, 1, s->msg->str, s->msg_bad ? A_BOLD | A_UNDERLINE : A_BOLD);
  refresh();
}

/* A line typed at the prompt, starting from initial: UTF-8, or NULL when
 * the analyst pressed Esc (or the terminal went away). */
static char *read_typed(screen *s, const char *prompt, const char *initial)
{
  glong n = 0;
  g_autofree gunichar *init = g_utf8_to_ucs4_fast(initial, -1, &n);
  g_array_set_size(s->typed, 0);
  g_array_append_vals(s->typed, init, (guint)n);
  s->prompt = prompt;
  curs_set(1);
  char *out = NULL;
  for (gboolean done = FALSE; !done;) {
    draw(s);
    wint_t ch = 0;
    int k = get_wch(&ch);
    if (k == ERR) break;
    if (k == KEY_CODE_YES) {
      if (ch == KEY_BACKSPACE && s->typed->len) g_array_set_size(s->typed, s->typed->len - 1);
      done = ch == KEY_ENTER;
    } else if (ch == 27) {
      break;
    } else if (ch == L'\n' || ch == L'\r') {
      done = TRUE;
    } else if ((ch == 127 || ch == 8) && s->typed->len) {
      g_array_set_size(s->typed, s->typed->len - 1);
    } else if (ch == 21) { /* ^U */
      g_array_set_size(s->typed, 0);
    } else if (iswprint((wint_t)ch)) {
      wchar_t wc = (wchar_t)ch;
      g_array_append_val(s->typed, wc);
    }
    if (done)
      out = g_ucs4_to_utf8((const gunichar *)(const void *)s->typed->data, s->typed->len, NULL,
                           NULL, NULL);
  }
  s->prompt = NULL;
  curs_set(0);
  return out ? g_strstrip(out) : NULL;
}

/* Key k of the correction: a field typed in, saved, or given up. */
static void correction_key(screen *s, wint_t k)
{
  static const struct {
    wint_t key;
    const char *field, *prompt;
  } fields[] = {{'m', "metric", "指标（id、中文名或别名）："},
                {'o', "scope", "范围（空 = 全部，? = 不明，或 团伙、公开查缉 …）："},
                {'r', "region", "地区（名称，空 = 无）："},
                {'p', "period", "时期（2019、2019-H1、2019-05、2019-01/2019-05）："},
                {'v', "value", "数值（基本单位：人、起、千克…）："}};
  const jd_figure *was = item(s)->figure;
  for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
    if (k != fields[i].key) continue;
    g_autofree char *now = NULL;
    if (!strcmp(fields[i].field, "value")) now = jd_figure_format_value(s->draft->value);
    const char *initial = now ? now : !strcmp(fields[i].field, "metric") ? s->draft->metric
                                    : !strcmp(fields[i].field, "scope")  ? s->draft->scope
                                    : !strcmp(fields[i].field, "region") ? s->draft->region
                                                                         : s->draft->period;
    g_autofree char *typed = read_typed(s, fields[i].prompt, initial);
    g_autofree char *msg = NULL;
    if (!typed)
      say(s, FALSE, "未改");
    else if (!strcmp(fields[i].field, "metric") && !*typed)
      say(s, TRUE, "指标不能为空 — 输入 id、中文名或别名（jindu metrics 列出全部）");
    else if (!jd_review_set_field(s->r, s->draft, fields[i].field, typed, &msg))
      say(s, TRUE, "%s", msg);
    else
      say(s, FALSE, "已改，回车保存更正，Esc 放弃");
    return;
  }
  if (k == 27) {
    jd_figure_free(g_steal_pointer(&s->draft));
    say(s, FALSE, "已放弃更正");
  } else if (k == '\n' || k == '\r' || k == KEY_ENTER) {
    jd_figure *d = s->draft;
    if (!strcmp(d->metric, was->metric) && !strcmp(d->scope, was->scope) &&
        !strcmp(d->region, was->region) && !strcmp(d->period, was->period) && d->value == was->value) {
      say(s, TRUE, "尚未改动 — 按 m o r p v 改一项，Esc 放弃");
      return;
    }
    if (!jd_review_correct(s->r, s->i, d, &s->error)) return;
    jd_figure_free(g_steal_pointer(&s->draft));
    say(s, FALSE, "第 %u 项已更正 — 已追加到 %s", s->i + 1, s->r->path);
    s->i++;
  } else {
    say(s, TRUE, "更正时按 m o r p v 改一项，回车保存，Esc 放弃");
  }
}

/* Key k when browsing. FALSE to quit. */
static gboolean browse_key(screen *s, wint_t k)
{
  const jd_review_item *it = item(s);
  if (k == 'q' || k == 'Q' || k == 3) return FALSE;
  if (k == 'b' || k == KEY_LEFT || k == KEY_UP || k == KEY_PPAGE) {
    if (s->i > 0) s->i--;
    g_string_truncate(s->msg, 0);
  } else if (k == 's' || k == ' ' || k == KEY_RIGHT || k == KEY_DOWN || k == KEY_NPAGE) {
    if (it) s->i++;
    if (it) say(s, FALSE, "已跳过第 %u 项", s->i);
  } else if (!it) {
    say(s, TRUE, "已到末尾 — b 上一项，q 退出");
  } else if ((k == 'a' || k == 'w' || k == 'c') && it->decision) {
    say(s, TRUE, "这一项本次%s；要改变决定，请编辑 %s 的最后几行", decision_word(it->decision),
        s->r->path);
  } else if (k == 'a' || k == 'w') {
    gboolean ok = k == 'a' ? jd_review_accept(s->r, s->i, &s->error)
                           : jd_review_withdraw(s->r, s->i, &s->error);
    if (!ok) return FALSE;
    say(s, FALSE, "第 %u 项%s — 已追加到 %s", s->i + 1, k == 'a' ? "已接受" : "已撤回", s->r->path);
    s->i++;
  } else if (k == 'c') {
    s->draft = jd_figure_copy(it->figure);
    say(s, FALSE, "更正：按 m 指标、o 范围、r 地区、p 时期、v 数值，逐项修改");
  } else {
    say(s, TRUE, "按 a 接受、c 更正、w 撤回、s 跳过、b 上一项、q 退出");
  }
  return TRUE;
}

/* A UTF-8 character type, so that wide characters are drawn and read as
 * such: the user's, or C.UTF-8 when theirs is not UTF-8. */
static gboolean utf8_ctype(void)
{
  if (!strcmp(nl_langinfo(CODESET), "UTF-8")) return TRUE;
  return setlocale(LC_CTYPE, "C.UTF-8") && !strcmp(nl_langinfo(CODESET), "UTF-8");
}

gboolean jd_review_screen(jd_review *r, guint *left, GError **error)
{
  if (!utf8_ctype()) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                "the terminal's locale is not UTF-8 — set LANG=C.UTF-8, or use --lines");
    return FALSE;
  }
  SCREEN *term = newterm(NULL, stdout, stdin);
  if (!term) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                "cannot draw on terminal '%s' — use --lines", g_getenv("TERM"));
    return FALSE;
  }
  raw();
  noecho();
  keypad(stdscr, TRUE);
  set_escdelay(50);
  curs_set(0);
  screen s = {r, 0, NULL, g_string_new(NULL), FALSE, NULL, g_array_new(FALSE, FALSE, sizeof(wchar_t)), NULL};
  for (;;) {
    draw(&s);
    wint_t k = 0;
    int got = get_wch(&k);
    if (got == ERR) break;
    if (got == KEY_CODE_YES && k == KEY_RESIZE) continue;
    if (s.draft) {
      correction_key(&s, k);
      if (s.error) break;
    } else if (!browse_key(&s, k)) {
      break;
    }
  }
  endwin();
  delscreen(term);
  *left = r->items->len - decided_count(r);
  jd_figure_free(s.draft);
  g_string_free(s.msg, TRUE);
  g_array_unref(s.typed);
  if (s.error) g_propagate_error(error, s.error);
  return s.error == NULL;
}
