// Parse iCalendar files with ical.js (the Mozilla/Thunderbird parser) and
// print every VEVENT's UID, SEQUENCE, STATUS, SUMMARY and its start and end
// in UTC, as JSON: { "FILE": { "ical.js": [ ... ] } }.
//
// Times with a TZID are placed with the file's own VTIMEZONE, registered
// with ical.js's timezone service, so the VTIMEZONE is what is tested.
// Usage: node parse_ics.mjs FILE... ; exit code 1 if a file does not parse.

import { readFileSync } from "node:fs";
// A missing ical.js is one line saying what installs it, never a stack trace.
let ICAL;
try {
  ICAL = (await import("ical.js")).default;
} catch {
  console.error(
    "ical.js is missing: run bash tests/consumers/install.sh (or: cd tests/consumers && npm ci)",
  );
  process.exit(3);
}

function utc(time) {
  if (time.zone === ICAL.Timezone.localTimezone && !time.isDate) {
    throw new Error(`floating time ${time.toString()}: every time must carry a zone`);
  }
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

const result = {};
for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, "utf8");
  try {
    // A stream may hold several VCALENDAR objects (an invitation, then its cancellation).
    let parsed = ICAL.parse(text);
    if (typeof parsed[0] === "string") parsed = [parsed];
    const events = [];
    for (const jcal of parsed) {
      const cal = new ICAL.Component(jcal);
      ICAL.TimezoneService.reset();
      for (const vtz of cal.getAllSubcomponents("vtimezone")) {
        ICAL.TimezoneService.register(vtz);
      }
      const method = cal.getFirstPropertyValue("method") || "";
      for (const vevent of cal.getAllSubcomponents("vevent")) {
        for (const name of ["dtstart", "dtend"]) {
          const tzid = vevent.getFirstProperty(name).getParameter("tzid");
          if (tzid && !ICAL.TimezoneService.has(tzid)) throw new Error(`TZID ${tzid} has no VTIMEZONE`);
        }
        const ev = new ICAL.Event(vevent);
        events.push({
          uid: ev.uid,
          sequence: ev.sequence || 0,
          status: vevent.getFirstPropertyValue("status") || "",
          summary: ev.summary || "",
          start: utc(ev.startDate),
          end: utc(ev.endDate),
          method,
        });
      }
    }
    result[path] = { "ical.js": events };
  } catch (e) {
    console.error(`${path}: ${e.stack || e}`);
    process.exit(1);
  }
}
console.log(JSON.stringify(result, null, 1));
