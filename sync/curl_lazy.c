/* curl_lazy.c — libcurl, loaded when the first sync starts.
 *
 * Loading libcurl and its TLS and Kerberos libraries at program start
 * costs the terminal interface about 5 ms and 3.5 MB that an officer who
 * never syncs in a session should not pay.  So sxsh is not linked with
 * -lcurl: this file defines the libcurl functions transport.c uses, and
 * each opens libcurl.so.4 with dlopen on first use and calls the real
 * function through dlsym.  Programs that do link libcurl (the tests) get
 * the same library back from dlopen.
 *
 * Invariant: if libcurl cannot be loaded every call fails the way libcurl
 * itself reports failure (NULL handle, CURLE_FAILED_INIT, …), so sync
 * reports "cannot start" and nothing else changes.
 */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>

static void *libcurl;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void)
{
	libcurl = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
}

/* The real function named name, or NULL when libcurl is missing. */
static void *real(const char *name)
{
	pthread_once(&load_once, load);
	return libcurl ? dlsym(libcurl, name) : NULL;
}

/* dlsym returns void *; POSIX guarantees it converts to a function
 * pointer, which ISO C leaves undefined, hence the union. */
#define REAL(type, name, var)                                           \
	static __typeof__(type) var;                                    \
	if (!var) {                                                     \
		union { void *obj; __typeof__(type) fn; } u_ =          \
			{real(name)};                                   \
		var = u_.fn;                                            \
	}

CURLcode curl_global_init(long flags)
{
	REAL(CURLcode (*)(long), "curl_global_init", fn)
	return fn ? fn(flags) : CURLE_FAILED_INIT;
}

CURL *curl_easy_init(void)
{
	REAL(CURL *(*)(void), "curl_easy_init", fn)
	return fn ? fn() : NULL;
}

void curl_easy_cleanup(CURL *handle)
{
	REAL(void (*)(CURL *), "curl_easy_cleanup", fn)
	if (fn && handle)
		fn(handle);
}

/* Every option takes one argument whose type its number range tells
 * (CURLOPTTYPE_* in curl.h), so the variadic call can be passed on. */
CURLcode curl_easy_setopt(CURL *handle, CURLoption option, ...)
{
	REAL(CURLcode (*)(CURL *, CURLoption, ...), "curl_easy_setopt", fn)
	va_list ap;
	CURLcode rc;

	if (!fn)
		return CURLE_FAILED_INIT;
	va_start(ap, option);
	if (option < CURLOPTTYPE_OBJECTPOINT)
		rc = fn(handle, option, va_arg(ap, long));
	else if (option < CURLOPTTYPE_OFF_T)
		rc = fn(handle, option, va_arg(ap, void *));
	else if (option < CURLOPTTYPE_BLOB)
		rc = fn(handle, option, va_arg(ap, curl_off_t));
	else
		rc = fn(handle, option, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

/* Every CURLINFO takes a pointer to where the answer goes. */
CURLcode curl_easy_getinfo(CURL *handle, CURLINFO info, ...)
{
	REAL(CURLcode (*)(CURL *, CURLINFO, ...), "curl_easy_getinfo", fn)
	va_list ap;
	void *out;

	if (!fn)
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	out = va_arg(ap, void *);
	va_end(ap);
	return fn(handle, info, out);
}

const char *curl_easy_strerror(CURLcode code)
{
	REAL(const char *(*)(CURLcode), "curl_easy_strerror", fn)
	return fn ? fn(code) : "libcurl could not be loaded";
}

CURLM *curl_multi_init(void)
{
	REAL(CURLM *(*)(void), "curl_multi_init", fn)
	return fn ? fn() : NULL;
}

CURLMcode curl_multi_cleanup(CURLM *multi)
{
	REAL(CURLMcode (*)(CURLM *), "curl_multi_cleanup", fn)
	return fn ? fn(multi) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_setopt(CURLM *multi, CURLMoption option, ...)
{
	REAL(CURLMcode (*)(CURLM *, CURLMoption, ...), "curl_multi_setopt",
	     fn)
	va_list ap;
	CURLMcode rc;

	if (!fn)
		return CURLM_BAD_HANDLE;
	va_start(ap, option);
	if (option < CURLOPTTYPE_OBJECTPOINT)
		rc = fn(multi, option, va_arg(ap, long));
	else if (option < CURLOPTTYPE_OFF_T)
		rc = fn(multi, option, va_arg(ap, void *));
	else
		rc = fn(multi, option, va_arg(ap, curl_off_t));
	va_end(ap);
	return rc;
}

CURLMcode curl_multi_add_handle(CURLM *multi, CURL *easy)
{
	REAL(CURLMcode (*)(CURLM *, CURL *), "curl_multi_add_handle", fn)
	return fn ? fn(multi, easy) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_remove_handle(CURLM *multi, CURL *easy)
{
	REAL(CURLMcode (*)(CURLM *, CURL *), "curl_multi_remove_handle", fn)
	return fn ? fn(multi, easy) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_perform(CURLM *multi, int *running)
{
	REAL(CURLMcode (*)(CURLM *, int *), "curl_multi_perform", fn)
	return fn ? fn(multi, running) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_poll(CURLM *multi, struct curl_waitfd extra_fds[],
			  unsigned int extra_nfds, int timeout_ms, int *ret)
{
	REAL(CURLMcode (*)(CURLM *, struct curl_waitfd[], unsigned int, int,
			   int *), "curl_multi_poll", fn)
	return fn ? fn(multi, extra_fds, extra_nfds, timeout_ms, ret)
		  : CURLM_BAD_HANDLE;
}

CURLMsg *curl_multi_info_read(CURLM *multi, int *msgs_in_queue)
{
	REAL(CURLMsg *(*)(CURLM *, int *), "curl_multi_info_read", fn)
	return fn ? fn(multi, msgs_in_queue) : NULL;
}

const char *curl_multi_strerror(CURLMcode code)
{
	REAL(const char *(*)(CURLMcode), "curl_multi_strerror", fn)
	return fn ? fn(code) : "libcurl could not be loaded";
}

struct curl_slist *curl_slist_append(struct curl_slist *list,
				     const char *text)
{
	REAL(struct curl_slist *(*)(struct curl_slist *, const char *),
	     "curl_slist_append", fn)
	return fn ? fn(list, text) : NULL;
}

void curl_slist_free_all(struct curl_slist *list)
{
	REAL(void (*)(struct curl_slist *), "curl_slist_free_all", fn)
	if (fn)
		fn(list);
}
