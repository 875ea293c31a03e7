/* Pinyin glosses that mirror sites put after characters of a traditional
 * text — 貴陽(yáng), 總隊(duì) — are removed by the loader: they are not part of the
 * document and they cut words (and figures' quotes) in two. */
#pragma once

#include <glib.h>

/* Removes, in place, every "(syllable)" that directly follows a CJK
 * character when the syllable is 1 to 7 lowercase pinyin letters with at
 * least one tone mark (ā á ǎ à … ǜ). Parentheses are ASCII here: the loader
 * has already folded full-width ones. */
void jd_strip_pinyin_glosses(GString *s);
