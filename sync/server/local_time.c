/* local_time.c — UTC times of the store shown in local time (local_time.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "local_time.h"

void local_time_format(const char *utc, char out[32])
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
