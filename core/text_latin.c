/* text_latin.c — NFC and search folding of Latin and Vietnamese text
 * without utf8proc's general machinery.
 *
 * An import of 100,000 facilities puts every cell through NFC and every
 * name and address through folding: utf8proc's decompose, reorder and
 * recompose was a fifth of the import's time (perf).  Nearly all text
 * here uses only code points below U+0300 and the precomposed Vietnamese
 * letters of U+1E00–U+1EFF.  For those, folding works one code point at
 * a time (nothing composes across them, and no mark is left to move), so
 * a table of each one's folded form, built once from utf8proc's own
 * answer (text_fold_map), gives the same bytes.  Anything else —
 * combining marks, other scripts, a code point whose folded form mixes
 * letters and punctuation such as "½" — takes the general path.
 * tests/test_text.c checks the two paths agree on every code point of
 * the set and on pairs of them.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "text_internal.h"

#define LOW_END 0x0300
#define EXT_BEGIN 0x1e00
#define EXT_END 0x1f00
#define SLOTS (LOW_END + (EXT_END - EXT_BEGIN))

enum fold_class {
	FOLD_SLOW,   /* not handled here: take the general path */
	FOLD_EMIT,   /* letters and digits: copied to the output */
	FOLD_GAP,    /* punctuation or space: part of a word gap */
	FOLD_NONE    /* folds to nothing */
};

struct fold_entry {
	unsigned char cls;
	unsigned char len;
	char out[14];
};

static struct fold_entry table[SLOTS];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static int slot_of(int cp)
{
	if (cp < LOW_END)
		return cp;
	if (cp >= EXT_BEGIN && cp < EXT_END)
		return LOW_END + (cp - EXT_BEGIN);
	return -1;
}

static int cp_of_slot(int slot)
{
	return slot < LOW_END ? slot : EXT_BEGIN + (slot - LOW_END);
}

/* Decodes one code point of valid UTF-8; returns its length in bytes. */
static size_t decode(const unsigned char *p, int *cp)
{
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] < 0xe0) {
		*cp = ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
		return 2;
	}
	if (p[0] < 0xf0) {
		*cp = ((p[0] & 0x0f) << 12) | ((p[1] & 0x3f) << 6) |
		      (p[2] & 0x3f);
		return 3;
	}
	*cp = ((p[0] & 0x07) << 18) | ((p[1] & 0x3f) << 12) |
	      ((p[2] & 0x3f) << 6) | (p[3] & 0x3f);
	return 4;
}

/* The entry of one code point, from utf8proc's folding of it alone.  Out
 * of memory leaves it FOLD_SLOW, which is always correct. */
static void build_entry(int slot)
{
	struct fold_entry *e = &table[slot];
	utf8proc_uint8_t one[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp_of_slot(slot), one);
	char *raw = text_fold_map((const char *)one, (size_t)n);
	size_t len, alnum = 0, other = 0;

	e->cls = FOLD_SLOW;
	if (!raw)
		return;
	len = strlen(raw);
	for (size_t i = 0; i < len;) {
		int cp;
		i += decode((const unsigned char *)raw + i, &cp);
		if (text_is_alnum(cp))
			alnum++;
		else
			other++;
	}
	if (len == 0) {
		e->cls = FOLD_NONE;
	} else if (!other && len < sizeof e->out) {
		e->cls = FOLD_EMIT;
		e->len = (unsigned char)len;
		memcpy(e->out, raw, len);
	} else if (!alnum) {
		e->cls = FOLD_GAP;
	}
	free(raw);
}

static void build_table(void)
{
	/* slot 0 is NUL, which valid text never holds: it stays SLOW */
	for (int slot = 1; slot < SLOTS; slot++)
		build_entry(slot);
}

int text_latin_only(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		int cp;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		i += decode(p + i, &cp);
		if (slot_of(cp) < 0)
			return 0;
	}
	return 1;
}

char *text_latin_fold(const char *s, size_t len, int *done)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t need = 1, o = 0;
	int gap = 0;
	char *out;

	*done = 0;
	pthread_once(&table_once, build_table);
	for (size_t i = 0; i < len;) {
		int cp, slot;
		i += decode(p + i, &cp);
		slot = slot_of(cp);
		if (slot < 0 || table[slot].cls == FOLD_SLOW)
			return NULL;
		need += table[slot].len + 1u;
	}
	*done = 1;
	out = malloc(need);
	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		int cp;
		const struct fold_entry *e;
		i += decode(p + i, &cp);
		e = &table[slot_of(cp)];
		if (e->cls == FOLD_GAP) {
			gap = o > 0;
		} else if (e->cls == FOLD_EMIT) {
			if (gap)
				out[o++] = ' ';
			gap = 0;
			memcpy(out + o, e->out, e->len);
			o += e->len;
		}
	}
	out[o] = '\0';
	return out;
}

/* ---- NFC of a whole file ------------------------------------------------ */

#define CACHE_SLOTS 4096	/* a power of two */
#define CLUSTER_MAX 15

struct cluster {
	unsigned char in_len, out_len;
	char in[CLUSTER_MAX], out[CLUSTER_MAX];
};

struct growbuf {
	char *p;
	size_t len, cap;
	int failed;
};

static void put(struct growbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap + n + 1) * 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->failed = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

/* utf8proc's NFC of one piece, appended to b. */
static void put_nfc(struct growbuf *b, const char *s, size_t n)
{
	unsigned char *nfc = NULL;
	long m = utf8proc_map((const unsigned char *)s, (long)n, &nfc,
			      UTF8PROC_STABLE | UTF8PROC_COMPOSE);

	if (m < 0)
		b->failed = 1;
	else
		put(b, (const char *)nfc, (size_t)m);
	free(nfc);
}

static unsigned cluster_hash(const char *s, size_t n)
{
	unsigned h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h & (CACHE_SLOTS - 1);
}

/* A Latin letter and the marks after it, composed; from the cache when
 * seen before. */
static void put_cluster(struct growbuf *b, struct cluster *cache,
			const char *s, size_t n)
{
	struct cluster *c;
	size_t before;

	if (n > CLUSTER_MAX) {
		put_nfc(b, s, n);
		return;
	}
	c = &cache[cluster_hash(s, n)];
	if (c->in_len == n && !memcmp(c->in, s, n)) {
		put(b, c->out, c->out_len);
		return;
	}
	before = b->len;
	put_nfc(b, s, n);
	if (!b->failed && b->len - before <= CLUSTER_MAX) {
		c->in_len = (unsigned char)n;
		memcpy(c->in, s, n);
		c->out_len = (unsigned char)(b->len - before);
		memcpy(c->out, b->p + before, c->out_len);
	}
}

/* A piece ends before the next code point of the Latin set: none of
 * those composes with what comes before it, so NFC of the text is NFC of
 * each piece in turn (tests/test_text_latin.c checks that for pairs). */
char *text_nfc_bulk(const char *s, size_t len, size_t *out_len)
{
	const unsigned char *p = (const unsigned char *)s;
	struct cluster *cache = calloc(CACHE_SLOTS, sizeof *cache);
	struct growbuf b = {0};
	size_t i = 0;

	if (!cache)
		return NULL;
	put(&b, "", 0);
	while (i < len && !b.failed) {
		size_t start = i, run;
		int cp, first_latin;

		/* a stretch of ASCII and other Latin code points with no
		 * mark after its last one is copied in one go */
		while (i < len) {
			size_t k = decode(p + i, &cp);
			if (slot_of(cp) < 0)
				break;
			i += k;
		}
		if (i == len) {
			put(&b, s + start, i - start);
			break;
		}
		/* i is at a code point outside the set: the piece starts at
		 * the Latin code point before it, if any */
		run = i;
		first_latin = 0;
		if (i > start) {
			size_t back = i - 1;
			while (back > start && (p[back] & 0xc0) == 0x80)
				back--;
			run = back;
			first_latin = 1;
		}
		put(&b, s + start, run - start);
		i = run + (first_latin ? decode(p + run, &cp) : 0);
		while (i < len) {
			size_t k = decode(p + i, &cp);
			if (slot_of(cp) >= 0)
				break;
			i += k;
		}
		if (first_latin)
			put_cluster(&b, cache, s + run, i - run);
		else
			put_nfc(&b, s + run, i - run);
	}
	free(cache);
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	b.p[b.len] = '\0';
	*out_len = b.len;
	return b.p;
}
