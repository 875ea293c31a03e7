/* Places in a sentence: the markers (gazetteer names, self references such as
 * 全省, anonymized names such as X市, origins before 籍), and a figure's region
 * from them — the nearest before it, places listed together, the document's own
 * place — resolved against the document's region (全省 in a document about a
 * prefecture is its province). Places that are no figure's (a dateline, a
 * comparison's base, a source, an example: jd_place_role in context.c) are
 * dropped. */
#include <stddef.h>
#include <string.h>

#include "extract/extract-private.h"

/* Keeps the places that may be a figure's: not a dateline, a comparison's
 * base, a source or an example of a group (jd_place_role). */
static void drop_other_roles(jd_extractor *x, const char *t, size_t e, GArray *out)
{
  for (guint i = 0; i < out->len; i++) {
    region_marker *m = &g_array_index(out, region_marker, i);
    m->role = jd_place_role(x->lx, t, e, m->pos, m->end);
  }
  jd_place_roles_spread(x->lx, t, out->data, out->len, sizeof(region_marker),
                        offsetof(region_marker, pos), offsetof(region_marker, end),
                        offsetof(region_marker, role));
  guint k = 0;
  for (guint i = 0; i < out->len; i++) {
    region_marker *m = &g_array_index(out, region_marker, i);
    if (m->role != JD_PLACE_SUBJECT && m->role != JD_PLACE_VENUE) continue;
    if (k != i) g_array_index(out, region_marker, k) = *m;
    k++;
  }
  g_array_set_size(out, k);
}

/* 拘捕了两名台湾人, 一名香港男子: 人 or 男子/女子 right after a place names where
 * people come from, as 籍 does (not 人民, 人口, 人大, 人员, 人次, 人均). */
static gboolean people_of_place_at(const char *t, size_t e, size_t p)
{
  static const char *const not_after[] = {"民", "口", "大", "员", "次", "均", "数", "力", "社"};
  if (lit_at(t, e, p, "男子") || lit_at(t, e, p, "女子")) return TRUE;
  if (!lit_at(t, e, p, "人")) return FALSE;
  p += strlen("人");
  for (size_t k = 0; k < G_N_ELEMENTS(not_after); k++)
    if (lit_at(t, e, p, not_after[k])) return FALSE;
  return TRUE;
}

void jd_find_region_markers(jd_extractor *x, const char *t, size_t s, size_t e, GArray *out)
{
  g_array_set_size(out, 0);
  const jd_cue_set *self_ref = CUES(x, SELF_REFERENCE);
  size_t p = s;
  while (p < e) {
    unsigned char b0 = (unsigned char)t[p];
    region_marker m; /* (cleared only where one is found: this runs at every character) */
    size_t sl = 0;
    /* a well-formed character that starts no self reference (全省, 我县) is
     * told by the set's index here, without the call (every character) */
    gboolean maybe_self = b0 >= 0xE0;
    if (b0 >= 0xE0 && b0 < 0xF0 && p + 2 < e && ((unsigned char)t[p + 1] & 0xC0) == 0x80 &&
        ((unsigned char)t[p + 2] & 0xC0) == 0x80) {
      gunichar c = ((gunichar)(b0 & 0x0F) << 12) | ((gunichar)(t[p + 1] & 0x3F) << 6) | (t[p + 2] & 0x3F);
      maybe_self = (self_ref->first_bits[c >> 3] >> (c & 7)) & 1;
    }
    int lv = maybe_self ? jd_self_reference_at(x->lx, t + p, e - p, &sl) : -2;
    /* 昆明全市, 云南全省: the place right before names it */
    if (lv != -2 && out->len && g_array_index(out, region_marker, out->len - 1).end == p &&
        g_array_index(out, region_marker, out->len - 1).canonical) {
      p += sl;
      continue;
    }
    if (lv != -2) {
      memset(&m, 0, sizeof m);
      m.pos = p;
      m.end = p + sl;
      m.level = -3;
      m.self_level = lv;
      g_strlcpy(m.written, t + p, MIN(sizeof m.written, sl + 1));
      m.origin = lit_at(t, e, m.end, "籍");
      g_array_append_val(out, m);
      p += sl;
      continue;
    }
    /* X市, A县, 某县: anonymized, kept as written */
    int alevel;
    size_t alen = jd_anonymized_mark_at(t, e, p) ? jd_anonymized_at(t, e, p, &alevel) : 0;
    if (alen) {
      memset(&m, 0, sizeof m);
      m.pos = p;
      m.end = p + alen;
      m.level = alevel;
      g_strlcpy(m.written, t + p, MIN(sizeof m.written, alen + 1));
      m.origin = lit_at(t, e, m.end, "籍");
      g_array_append_val(out, m);
      p = m.end;
      continue;
    }
    if (b0 >= 0xE0) {
      const jd_lex_entry *r = jd_lex_at(x, JD_LEX_REGION, t, p, e);
      if (r && !strcmp(r->extra, "ji") && !lit_at(t, e, p + r->len, "籍")) r = NULL;
      /* 新台币, 禁毒常务委员会: they tell the document's place, not a figure's */
      if (r && !strcmp(r->extra, "implied")) r = NULL;
      if (r && jd_place_hidden(x->lx, t, s, e, p, r->len)) r = NULL;
      /* 外省, 周边省: not a place of its own */
      if (r) {
        memset(&m, 0, sizeof m);
        m.pos = p;
        m.end = p + r->len;
        m.canonical = r->id;
        m.level = (int)r->number;
        m.demonym = !lit_at(t, e, m.end, "籍") && people_of_place_at(t, e, m.end);
        m.origin = m.demonym || lit_at(t, e, m.end, "籍");
        g_array_append_val(out, m);
        p = m.end;
        continue;
      }
    }
    p = jd_next_char(t, e, p);
  }
  drop_other_roles(x, t, e, out);
}

void jd_resolve_region_marker(jd_extractor *x, const region_marker *m, char *buf, size_t size)
{
  if (m->canonical) {
    const char *nation = m->level == JD_LEVEL_COUNTRY ? jd_nation_self(x->lx, x->ctx.region) : NULL;
    g_strlcpy(buf, nation ? nation : m->canonical, size);
    return;
  }
  if (m->level == -3) {
    const char *own = x->ctx.region;
    if (own && m->self_level == -1 && x->ctx.region_level > JD_LEVEL_PROVINCE &&
        !(x->ctx.region_level == JD_LEVEL_COUNTY && g_str_has_suffix(own, "区"))) {
      /* 全区 in a document about 锡林郭勒盟 or a 县/旗: the autonomous region */
      const char *up = jd_lexicon_region_ancestor(x->lx, own, JD_LEVEL_PROVINCE);
      if (up && g_str_has_suffix(up, "自治区")) {
        g_strlcpy(buf, up, size);
        return;
      }
    }
    /* 全市 in a document about 上海市 (a province-level city) or 海城市 (a
     * county-level one): that city */
    gboolean city = own && g_str_has_suffix(own, "市") && strstr(m->written, "市") &&
                    x->ctx.region_level > JD_LEVEL_COUNTRY;
    if (own && (city || m->self_level == x->ctx.region_level ||
                (m->self_level == -1 && x->ctx.region_level > JD_LEVEL_COUNTRY))) {
      g_strlcpy(buf, own, size);
      return;
    }
    /* 全省 in a document about 德宏州: the province that holds it */
    const char *up = own && m->self_level >= JD_LEVEL_PROVINCE && m->self_level < x->ctx.region_level
                         ? jd_lexicon_region_ancestor(x->lx, own, m->self_level)
                         : NULL;
    if (up) {
      g_strlcpy(buf, up, size);
      return;
    }
  }
  g_strlcpy(buf, m->written, size);
}

/* The level of the places a unit counts (31个省份 -> province), or -1 when the
 * unit counts no places. Townships and villages sit below counties. */
static int place_unit_level(const char *unit)
{
  static const struct {
    const char *unit;
    int level;
  } units[] = {{"province", JD_LEVEL_PROVINCE}, {"prefecture", JD_LEVEL_PREFECTURE},
               {"city", JD_LEVEL_PREFECTURE},   {"county", JD_LEVEL_COUNTY},
               {"township", JD_LEVEL_TOWN}, {"village", JD_LEVEL_TOWN + 1},
               {"community", JD_LEVEL_TOWN + 1}};
  /* (asked for every figure: a unit that starts as none of them is no count
   * of places, without seven strcmp) */
  if (unit[0] != 'p' && unit[0] != 'c' && unit[0] != 't' && unit[0] != 'v') return -1;
  for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
    if (!strcmp(unit, units[i].unit)) return units[i].level;
  return -1;
}

/* The level of the place a marker names (a self reference: the level it points at;
 * 全区: an autonomous region, the widest it may be). */
static int marker_level(const region_marker *m)
{
  if (m->level == -3) return m->self_level == -1 ? JD_LEVEL_PROVINCE : m->self_level;
  return m->level < 0 ? JD_LEVEL_COUNTY : m->level;
}

void jd_find_region(jd_extractor *x, const char *t, cand *c, size_t sent_start)
{
  const region_marker *best = NULL, *origin = NULL;
  size_t limit = c->n.start;
  if (c->kind == JD_KIND_SHARE && c->change_pos != (size_t)-1) limit = c->change_pos;
  /* markers are in text order: find the first one past the figure */
  guint lo = 0, hi = x->rmarks->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index(x->rmarks, region_marker, mid).end > limit) hi = mid;
    else lo = mid + 1;
  }
  int counted = place_unit_level(c->unit);
  /* 抓获台湾籍嫌疑人19名，缴获毒品260千克: 籍 tells where people come from, not
   * where drugs were seized */
  gboolean people = !c->unit || !strcmp(c->unit, "person") || !strcmp(c->unit, "person_time") ||
                    !strcmp(c->unit, "percent") || !strcmp(c->unit, "gang");
  if (lo > 0) {
    /* a count of places (40个城市, 31个省份) is counted within a wider place:
     * the places named beside it (兰州、张掖被列为40个先进城市) are not its region */
    for (guint i = lo; i-- > 0;) {
      const region_marker *m = &g_array_index(x->rmarks, region_marker, i);
      if (m->pos < sent_start) break;
      if (m->origin && (!people || m->demonym)) continue;
      if (counted < 0 || marker_level(m) < counted) {
        best = m;
        break;
      }
    }
    for (guint i = lo, k = 0; i-- > 0 && k < 64; k++) {
      const region_marker *o = &g_array_index(x->rmarks, region_marker, i);
      if (o->pos < sent_start) break;
      if (o->origin) {
        origin = o->demonym ? NULL : o;
        break;
      }
    }
  }
  if (!origin && lo < x->rmarks->len) {
    /* 抓获193名同心籍贩毒人员: an origin named after the number */
    const region_marker *m = &g_array_index(x->rmarks, region_marker, lo);
    if (m->origin && !m->demonym && m->pos < c->clause_end && m->pos >= c->end) origin = m;
  }
  if (origin && !people) origin = NULL;
  if (origin) best = origin;
  if (best) {
    jd_resolve_region_marker(x, best, c->region, sizeof c->region);
    /* (the first place a figure of the paragraph names: its subject) */
    if (x->ctx.region_level == JD_LEVEL_COUNTRY && best->canonical && !best->origin &&
        best->level > JD_LEVEL_COUNTRY && counted < 0 && !x->para_place[0])
      g_strlcpy(x->para_place, c->region, sizeof x->para_place);
    jd_why(c, "region %s from '%.*s'%s", c->region, (int)(best->end - best->pos), t + best->pos,
        best->origin ? " (origin, 籍)" : "");
    /* 南宁、柳州、桂林三市破获的…: places listed together are the figure's
     * place together (分别 hands them out one by one later) */
    if (!best->origin && best->canonical && counted < 0) {
      guint bi = (guint)(best - &g_array_index(x->rmarks, region_marker, 0));
      guint first = bi;
      while (first > 0) {
        const region_marker *a = &g_array_index(x->rmarks, region_marker, first - 1);
        const region_marker *b = &g_array_index(x->rmarks, region_marker, first);
        if (!a->canonical || a->origin || a->pos < sent_start || a->level != b->level) break;
        const jd_lex_entry *join = jd_cue_at(CUES(x, PLACE_JOINER), t, b->pos, a->end);
        if (!join || a->end + join->len != b->pos) break;
        first--;
      }
      if (first < bi) {
        GString *all = g_string_new(NULL);
        for (guint i = first; i <= bi; i++) {
          const char *name = g_array_index(x->rmarks, region_marker, i).canonical;
          if (all->len) g_string_append(all, "、");
          if (!strstr(all->str, name)) g_string_append(all, name);
          else g_string_truncate(all, all->len - 3);
        }
        if (all->len < sizeof c->region) {
          g_strlcpy(c->region, all->str, sizeof c->region);
          jd_why(c, "region %s: the places listed together", c->region);
        }
        g_string_free(all, TRUE);
      }
    }
  } else if (x->ctx.region && counted >= 0 && x->ctx.region_level >= counted) {
    c->region[0] = 0;
    jd_why(c, "region unknown: the document's own place (%s) cannot hold what is counted",
        x->ctx.region);
  } else if (x->ctx.region && x->para_place[0] && x->ctx.region_level == JD_LEVEL_COUNTRY) {
    /* 全国…会战 昆明市综合成绩第一: 昆明市公安机关共破获…；查处吸毒人员13762人次 */
    g_strlcpy(c->region, x->para_place, sizeof c->region);
    jd_why(c, "region %s: the place named before it in its paragraph (the document is the "
              "country's)", c->region);
  } else if (x->ctx.region) {
    g_strlcpy(c->region, x->ctx.region, sizeof c->region);
    c->region_is_doc = TRUE;
    jd_why(c, "region %s: the document's own", c->region);
  } else if (x->ctx.self_word[0]) {
    c->region_is_doc = TRUE;
    g_strlcpy(c->region, x->ctx.self_word, sizeof c->region);
    jd_why(c, "region %s: the document speaks of itself so, its name is unknown", c->region);
  } else {
    c->region[0] = 0;
    jd_why(c, "region unknown");
  }
}
