/* clock.h — the clock of both programs, in one place.
 *
 * SXSH_NOW fixes it for tests: "YYYY-MM-DD" (midnight UTC) or
 * "YYYY-MM-DDTHH:MM:SSZ".  Times are stored in UTC; the province reads
 * dates and times in Vietnam's time (UTC+7, no daylight saving).
 */
#ifndef SXSH_CLOCK_H
#define SXSH_CLOCK_H

/* Now in UTC: "2017-06-20T08:30:00Z". */
void sx_now_utc(char out[21]);
/* Today's date on this machine (local time): "2017-06-20". */
void sx_today(char out[11]);

/* A stored UTC time "YYYY-MM-DDTHH:MM:SSZ" as a date in Vietnam
 * ("2017-06-20"); the first 10 characters of utc when it is not such a
 * time. */
void clock_vn_date(const char *utc, char out[11]);
/* The same as "20/06/2017 15:30" in Vietnam; "–" when utc is NULL,
 * empty or not such a time. */
void clock_vn_time(const char *utc, char out[20]);
/* "2017-07-10T00:00:00Z" → "10/07/2017 07:00 (+07)": this machine's zone
 * (TZ), as the district's client shows times, and the zone said so that a
 * reader elsewhere is not misled.  "–" when utc is NULL or not such a
 * time. */
void clock_local_time(const char *utc, char out[32]);

#endif
