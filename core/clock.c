/* clock.c — the clock of clock.h: now, today, and a stored UTC time as
 * Vietnam's time or this machine's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sxsh/clock.h"

/* Vietnam has kept UTC+7 all year since 1975. */
#define VN_OFFSET (7 * 3600)

void sx_now_utc(char out[21])
{
	const char *fixed = getenv("SXSH_NOW");
	time_t t = time(NULL);
	struct tm tm;

	if (fixed && strlen(fixed) == 20) {
		memcpy(out, fixed, 20);
		out[20] = '\0';
		return;
	}
	if (fixed && strlen(fixed) == 10) {
		snprintf(out, 21, "%.10sT00:00:00Z", fixed);
		return;
	}
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void sx_today(char out[11])
{
	const char *fixed = getenv("SXSH_NOW");
	time_t t = time(NULL);
	struct tm tm;

	if (fixed && strlen(fixed) >= 10) {
		snprintf(out, 11, "%.10s", fixed);
		return;
	}
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* utc as Vietnam's broken-down time; -1 when it is not a stored time. */
static int vn_tm(const char *utc, struct tm *tm)
{
	const char *end;
	time_t t;

	memset(tm, 0, sizeof *tm);
	if (!utc || !*utc)
		return -1;
	end = strptime(utc, "%Y-%m-%dT%H:%M:%SZ", tm);
	if (!end)
		return -1;
	t = timegm(tm) + VN_OFFSET;
	gmtime_r(&t, tm);
	return 0;
}

void clock_vn_date(const char *utc, char out[11])
{
	struct tm tm;

	snprintf(out, 11, "%.10s", utc ? utc : "");
	if (vn_tm(utc, &tm) == 0)
		strftime(out, 11, "%Y-%m-%d", &tm);
}

void clock_vn_time(const char *utc, char out[20])
{
	struct tm tm;

	if (vn_tm(utc, &tm) == 0)
		strftime(out, 20, "%d/%m/%Y %H:%M", &tm);
	else
		snprintf(out, 20, "–");
}

void clock_local_time(const char *utc, char out[32])
{
	struct tm tm = {0};
	char when[20], zone[8];
	int minutes, hours, sign;
	time_t t;

	if (!utc || !strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		snprintf(out, 32, "–");
		return;
	}
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%d/%m/%Y %H:%M", &tm);
	sign = tm.tm_gmtoff < 0 ? '-' : '+';
	minutes = (int)(labs(tm.tm_gmtoff) / 60 % 60);
	hours = (int)(labs(tm.tm_gmtoff) / 3600 % 24);
	if (minutes)
		snprintf(zone, sizeof zone, "%c%02d:%02d", sign, hours,
			 minutes);
	else
		snprintf(zone, sizeof zone, "%c%02d", sign, hours);
	snprintf(out, 32, "%s (%s)", when, zone);
}
