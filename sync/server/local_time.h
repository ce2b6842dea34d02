/* local_time.h — the server's times (stored in UTC) as the officer at
 * this machine reads them. */
#ifndef SXSH_SERVER_LOCAL_TIME_H
#define SXSH_SERVER_LOCAL_TIME_H

/* "2017-07-10T00:00:00Z" → "10/07/2017 07:00 (+07)": this machine's zone
 * (TZ), as the district's client shows times, and the zone said so that a
 * reader elsewhere is not misled.  "–" when utc is NULL or not such a
 * time. */
void local_time_format(const char *utc, char out[32]);

#endif
