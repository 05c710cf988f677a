/* ical_check: libical's verdict on iCalendar files.
 *
 * libical (the parser of Evolution and of many servers) records every
 * problem it meets as an X-LIC-ERROR property inside the component where it
 * met it: lines it cannot parse, values of the wrong type, and, after
 * icalrestriction_check(), the iTIP (RFC 5546) rules that the calendar's
 * METHOD sets: which properties an event of a PUBLISH, REQUEST or CANCEL
 * must have, may have or must not have.
 *
 * For each file (a stream of one or more VCALENDAR objects), every
 * VCALENDAR is parsed, checked, and every X-LIC-ERROR in it is printed on
 * one line: FILE: COMPONENT [UID]: MESSAGE (ERRORTYPE).
 *
 * Usage: ical_check FILE...
 * Exit code: 0 no error; 1 libical recorded errors; 2 a file could not be
 * read or holds no VCALENDAR (or something else at the top level).
 *
 * install.sh compiles it: gcc ical_check.c -lical.
 */

#include <libical/ical.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_stream(char *s, size_t size, void *stream)
{
    return fgets(s, (int)size, (FILE *)stream);
}

/* Prints the X-LIC-ERRORs of `c` and of its subcomponents (only those of
 * type `only`, unless it is ICAL_XLICERRORTYPE_NONE); returns how many. */
static int report(const char *path, icalcomponent *c, icalparameter_xlicerrortype only)
{
    int count = 0;
    const char *kind = icalcomponent_kind_to_string(icalcomponent_isa(c));
    icalproperty *uid = icalcomponent_get_first_property(c, ICAL_UID_PROPERTY);
    icalproperty *p;
    icalcomponent *sub;

    for (p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
        icalparameter *type = icalproperty_get_first_parameter(p, ICAL_XLICERRORTYPE_PARAMETER);
        icalparameter_xlicerrortype t =
            type != NULL ? icalparameter_get_xlicerrortype(type) : ICAL_XLICERRORTYPE_NONE;
        const char *name = icalparameter_enum_to_string((int)t);

        if (only != ICAL_XLICERRORTYPE_NONE && t != only) {
            continue;
        }
        printf("%s: %s%s%s: %s", path, kind ? kind : "?", uid ? " " : "",
               uid ? icalproperty_get_uid(uid) : "", icalproperty_get_xlicerror(p));
        if (type != NULL) {
            printf(" (%s)", name ? name : "?");
        }
        printf("\n");
        count++;
    }
    for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub != NULL;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
        count += report(path, sub, only);
    }
    return count;
}

/* A VCALENDAR with the properties of `c` and, when `inner` is not NULL, a
 * copy of `inner` as its only component. */
static icalcomponent *shell(icalcomponent *c, icalcomponent *inner)
{
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalproperty *p;

    for (p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
        if (icalproperty_isa(p) != ICAL_XLICERROR_PROPERTY) {
            icalcomponent_add_property(cal, icalproperty_new_clone(p));
        }
    }
    if (inner != NULL) {
        icalcomponent_add_component(cal, icalcomponent_new_clone(inner));
    }
    return cal;
}

/* Checks one VCALENDAR: every error libical met while parsing, then the
 * iTIP restrictions of its METHOD. Returns how many errors, or -1 when `c`
 * is not a VCALENDAR. */
static int check(const char *path, icalcomponent *c)
{
    icalcomponent *sub, *cal;
    int errors;

    if (icalcomponent_isa(c) != ICAL_VCALENDAR_COMPONENT) {
        const char *kind = icalcomponent_kind_to_string(icalcomponent_isa(c));
        printf("%s: %s at the top level, not a VCALENDAR\n", path, kind ? kind : "?");
        return -1;
    }
    errors = report(path, c, ICAL_XLICERRORTYPE_NONE);
    /* icalrestriction_check() records each failure as an X-LIC-ERROR
     * (INVALID-ITIP) where it is, but stops checking the components at the
     * first one that fails, and checks none when the VCALENDAR's own
     * properties fail. So the calendar's properties are checked alone, then
     * each component in a calendar of its own, with the same METHOD. */
    cal = shell(c, NULL);
    (void)icalrestriction_check(cal);
    errors += report(path, cal, ICAL_XLICERRORTYPE_INVALIDITIP);
    icalcomponent_free(cal);
    for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub != NULL;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
        cal = shell(c, sub);
        (void)icalrestriction_check(cal);
        errors += report(path, icalcomponent_get_first_component(cal, ICAL_ANY_COMPONENT),
                         ICAL_XLICERRORTYPE_INVALIDITIP);
        icalcomponent_free(cal);
    }
    return errors;
}

/* 0, 1 or 2, as the exit code. */
static int check_file(const char *path)
{
    FILE *stream = fopen(path, "r");
    icalparser *parser;
    icalcomponent *c;
    char *line;
    int errors = 0, calendars = 0, unreadable = 0, n;

    if (stream == NULL) {
        printf("%s: cannot open: %s\n", path, strerror(errno));
        return 2;
    }
    parser = icalparser_new();
    icalparser_set_gen_data(parser, stream);
    do {
        line = icalparser_get_line(parser, read_stream);
        c = icalparser_add_line(parser, line);
        /* icalparser_add_line does not take the line. */
        if (line != NULL) {
            icalmemory_free_buffer(line);
        }
        if (c != NULL) {
            calendars++;
            n = check(path, c);
            if (n < 0) {
                unreadable = 1;
            } else {
                errors += n;
            }
            icalcomponent_free(c);
        }
    } while (line != NULL);
    /* A component still open at the end of the file: libical closes it and
     * says so with an X-LIC-ERROR. The parser keeps it (and frees it). */
    c = icalparser_clean(parser);
    if (c != NULL) {
        calendars++;
        n = check(path, c);
        if (n < 0) {
            unreadable = 1;
        } else {
            errors += n;
        }
    }
    icalparser_free(parser);
    if (ferror(stream)) {
        printf("%s: cannot read\n", path);
        unreadable = 1;
    }
    fclose(stream);
    if (calendars == 0) {
        printf("%s: no VCALENDAR\n", path);
        unreadable = 1;
    }
    return unreadable ? 2 : errors > 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
    int status = 0, i, s;

    if (argc < 2) {
        fprintf(stderr, "usage: ical_check FILE...\n");
        return 2;
    }
    /* A problem in the input is reported, never an abort. */
    icalerror_set_errors_are_fatal(0);
    for (i = 1; i < argc; i++) {
        s = check_file(argv[i]);
        if (s > status) {
            status = s;
        }
    }
    return status;
}
