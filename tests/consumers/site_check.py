"""Looks at a site agendum built the way a reader's browser does.

Serves the folder on 127.0.0.1 (a free port) and drives the system's
Chromium with Playwright: loads every page, follows every link within the
site (and checks each webcal:// link names a feed of the site), reads the
console, applies the group filter and the reader's zone, and takes
screenshots at desktop and phone widths. Every page is also parsed by
html5lib in strict mode. Prints one JSON object.

usage: site_check.py SITE_DIR GROUP [SCREENSHOT_DIR]
"""
import functools
import http.server
import json
import os
import sys
import threading
import urllib.parse

import html5lib
from playwright.sync_api import sync_playwright

site, group = sys.argv[1], sys.argv[2]
shots = sys.argv[3] if len(sys.argv) > 3 else None


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


handler = functools.partial(Quiet, directory=site)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = "http://127.0.0.1:%d/" % server.server_address[1]

pages = sorted(
    os.path.relpath(os.path.join(d, f), site)
    for d, _, fs in os.walk(site)
    for f in fs
    if f.endswith(".html")
)
result = {"pages": len(pages), "links": 0, "external": 0, "broken": [],
          "console": [], "invalid": [], "webcal": [], "filter": {}, "zone": {}}

for page in pages:
    with open(os.path.join(site, page), "rb") as f:
        try:
            html5lib.HTMLParser(strict=True).parse(f.read())
        except Exception as e:  # html5lib's ParseError names the problem
            result["invalid"].append("%s: %s" % (page, e))


def exists(url):
    path = urllib.parse.urlparse(url).path.lstrip("/")
    return os.path.isfile(os.path.join(site, urllib.parse.unquote(path)))


with sync_playwright() as p:
    browser = p.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    tab = browser.new_page()
    tab.on("console", lambda m: m.type in ("error", "warning") and
           result["console"].append("%s: %s" % (tab.url, m.text)))
    tab.on("pageerror", lambda e: result["console"].append("%s: %s" % (tab.url, e)))
    seen = set()
    for page in pages:
        tab.goto(base + page)
        for href in tab.eval_on_selector_all("a[href]", "as => as.map(a => a.href)"):
            if href.startswith("webcal://"):
                parsed = urllib.parse.urlparse(href)
                ok = parsed.netloc == "127.0.0.1:%d" % server.server_address[1] and exists(href)
                result["webcal"].append(href)
                if not ok:
                    result["broken"].append("%s -> %s" % (page, href))
                continue
            if not href.startswith(base):
                result["external"] += 1
                continue
            result["links"] += 1
            target = href.split("#")[0].split("?")[0]
            if target in seen:
                continue
            seen.add(target)
            if not exists(target):
                result["broken"].append("%s -> %s" % (page, href))
    # The group filter, as a reader sets it (the select, not the URL).
    tab.goto(base + "index.html")
    tab.select_option("form.filters select[name=group]", group)
    sessions = tab.eval_on_selector_all(
        ".session",
        "els => els.map(e => [e.getAttribute('data-groups'), e.hidden, e.getAttribute('data-uid')])")
    shown = [s for s in sessions if not s[1]]
    wrong = [s[2] for s in sessions
             if (not s[1]) != (group in s[0].split(" ") or "*" in s[0].split(" "))]
    result["filter"] = {"url": tab.url, "total": len(sessions), "shown": len(shown),
                        "wrong": wrong, "shown_uids": sorted(u for s in shown for u in s[2].split(" "))}
    if shots:
        for width, height, name in ((1280, 900, "desktop"), (390, 844, "phone")):
            tab.set_viewport_size({"width": width, "height": height})
            for page in ("index.html", "group/%s.html" % group.lower()):
                tab.goto(base + page)
                tab.screenshot(path=os.path.join(
                    shots, "%s-%s.png" % (page.replace("/", "-")[:-5], name)), full_page=False)
    # The reader's own zone: times carry their day in that zone.
    context = browser.new_context(timezone_id="Asia/Tokyo")
    tokyo = context.new_page()
    tokyo.goto(base + "index.html?tz=local")
    first = tokyo.eval_on_selector("time[datetime]", "t => [t.textContent, t.getAttribute('data-venue'), t.getAttribute('datetime')]")
    result["zone"] = {"shown": first[0], "venue": first[1], "datetime": first[2]}
    browser.close()
server.shutdown()
print(json.dumps(result))
