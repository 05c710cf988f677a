"""Reads a .docx with python-docx and prints what a reader sees, as JSON:
the paragraphs (style, text, whether they keep with the next, their list
level, whether they end a section), every table's rows (cell texts) and
whether each row may split, and each section's header and footer (fields
as {PAGE}). Used by tests/render_docx.rs and tests/pages.rs; python-docx is
the consumer being checked."""
import json
import sys

from need import need

docx = need("docx", "python-docx")
qn = docx.oxml.ns.qn


def styles(p):
    s = p.style
    while s is not None:
        yield s
        s = s.base_style


def keep_with_next(p):
    if p.paragraph_format.keep_with_next is not None:
        return p.paragraph_format.keep_with_next
    for s in styles(p):
        if s.paragraph_format.keep_with_next is not None:
            return s.paragraph_format.keep_with_next
    return False


def list_level(p):
    """The Word list level of the paragraph (its own numPr, or its style's), or None."""
    candidates = [p._p.pPr] + [s.element.pPr for s in styles(p)]
    level = None
    for ppr in candidates:
        if ppr is None:
            continue
        num = ppr.find(qn("w:numPr"))
        if num is None:
            continue
        ilvl = num.find(qn("w:ilvl"))
        if level is None and ilvl is not None:
            level = int(ilvl.get(qn("w:val")))
        if num.find(qn("w:numId")) is not None:
            return level or 0
    return None


def text_with_fields(element):
    """The text of a header or footer: tabs as \\t, fields as {PAGE}."""
    out = []

    def walk(el):
        if el.tag == qn("w:fldSimple"):
            out.append("{" + el.get(qn("w:instr")).strip() + "}")
            return
        if el.tag == qn("w:t"):
            out.append(el.text or "")
        elif el.tag == qn("w:tab") and el.getparent().tag == qn("w:r"):
            out.append("\t")
        elif el.tag == qn("w:p") and out:
            out.append("\n")
        for child in el:
            walk(child)

    walk(element)
    return "".join(out).strip("\n")


d = docx.Document(sys.argv[1])
print(json.dumps({
    "paragraphs": [
        {
            "style": p.style.name,
            "text": p.text,
            "keep_with_next": keep_with_next(p),
            "list_level": list_level(p),
            "ends_section": p._p.pPr is not None and p._p.pPr.find(qn("w:sectPr")) is not None,
        }
        for p in d.paragraphs
    ],
    "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
    "header_rows": [
        [r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None for r in t.rows][:1]
        for t in d.tables
    ],
    "rows_split": [
        [r._tr.trPr is None or r._tr.trPr.find(qn("w:cantSplit")) is None for r in t.rows]
        for t in d.tables
    ],
    "sections": [
        {
            "header": text_with_fields(s.header._element),
            "footer": text_with_fields(s.footer._element),
            "header_linked": s.header.is_linked_to_previous,
        }
        for s in d.sections
    ],
}, ensure_ascii=False))
