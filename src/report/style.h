/* The briefing's page styles (report/style.c): page size, margins, type
 * faces and sizes by role, lines per page and heading levels. `gongwen`
 * follows GB/T 9704-2012 (党政机关公文格式); `modern` is the earlier sans-serif
 * layout. Shared by every writer of the briefing (PDF here; DOCX, HTML,
 * PPTX may take the same faces, sizes and margins). Lengths in points. */
#pragma once

#include <glib.h>

#define JD_MM(x) ((x) * 72.0 / 25.4)

/* The roles a face plays, each with the face the standard names and the
 * free face used when fonts/ does not hold it. */
typedef enum {
  JD_FACE_TITLE,   /* 简报名, document title: 方正小标宋简体 */
  JD_FACE_BODY,    /* body text: 仿宋_GB2312 */
  JD_FACE_HEADING, /* 一、 headings: 黑体 */
  JD_FACE_KAI,     /* （一） headings: 楷体_GB2312 */
  JD_FACE_SANS,    /* tables, charts, notes */
  JD_FACE_COUNT
} jd_face_role;

typedef struct {
  const char *name; /* "gongwen", "modern" */
  double page_w, page_h;
  double top, inner, outer; /* 天头, 订口 (left on odd pages), the other side */
  double text_w, text_h;    /* 版心 */
  gboolean mirror;          /* 订口 alternates sides (two-sided printing) */
  const char *wanted[JD_FACE_COUNT]; /* the faces the standard names */
  const char *free[JD_FACE_COUNT];   /* free substitutes (Debian) */
  gboolean bold[JD_FACE_COUNT];      /* synthetic or real bold for the role */
  double size_masthead;     /* 简报名 */
  double size_title;        /* 标题: 2号 22 pt */
  double size_body;         /* 正文: 3号 16 pt */
  double size_heading;      /* 一、（一）: 3号 */
  double size_page_number;  /* 4号 14 pt */
  double size_note;         /* 版记, data lines: 4号 / smaller */
  int lines;                /* lines per page (22) */
  int chars;                /* characters per line (28) */
  double page_number_gap;   /* 版心 bottom to the page number's top: 7 mm */
  gboolean outer_page_number; /* right on odd pages, left on even, one character in */
  gboolean running_header;  /* title and organisation atop pages 2… */
} jd_report_style;

/* The style called name ("gongwen", "modern"); NULL for an unknown name. */
const jd_report_style *jd_report_style_get(const char *name);
/* The style names, NULL-terminated. */
const char *const *jd_report_style_names(void);
/* The family used for role: the wanted one when installed (the office's
 * licensed fonts in fonts/), else the free substitute. */
const char *jd_report_style_face(const jd_report_style *st, jd_face_role role);
/* One line per substituted face ("正文：仿宋_GB2312 → Noto Serif CJK SC"), or
 * NULL when every wanted face is installed. Caller frees. */
char *jd_report_style_substitutes(const jd_report_style *st);
