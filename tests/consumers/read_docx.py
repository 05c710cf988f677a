"""Reads a .docx with python-docx and prints what a reader sees, as JSON:
the paragraphs (style and text) and every table's rows (cell texts).
Used by tests/render_docx.rs; python-docx is the consumer being checked."""
import json
import sys

from need import need

docx = need("docx", "python-docx")

d = docx.Document(sys.argv[1])
print(json.dumps({
    "paragraphs": [{"style": p.style.name, "text": p.text} for p in d.paragraphs],
    "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
    "header_rows": [
        [r._tr.trPr is not None and r._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None for r in t.rows][:1]
        for t in d.tables
    ],
}, ensure_ascii=False))
