"""Small hostile PDFs, written object by object: they are tiny on disk and huge (or endless) once read.

- `flate_bomb`: one page whose content stream inflates to `decoded_mb` MiB of blank content.
- `xobject_fanout`: form XObjects each drawing the level below `fan` times, `depth` levels deep, so one
  line of text is drawn fan**depth times.
- `poisoned_tounicode`: a page whose font maps a code to a lone surrogate (U+D800).
- `text_flood`: one page of twenty thousand one-letter text objects, a long job to read with positions.
"""

from __future__ import annotations

import zlib


def assemble(objects: list[bytes]) -> bytes:
    """A PDF whose object n (1-based) is objects[n-1]; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", compressed: bool = False) -> bytes:
    flt = b" /Filter /FlateDecode" if compressed else b""
    return b"<< /Length %d%s %s >>\nstream\n" % (len(data), flt, extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _page_objects(content: bytes, resources: bytes = b"<< /Font << /F1 4 0 R >> >>") -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 5 0 R >>" % resources,
        FONT,
        content,
    ]


def flate_bomb(decoded_mb: int = 256) -> bytes:
    """Blank content (spaces) after one line of text, compressed ~1000:1 without holding it in memory."""
    z = zlib.compressobj(9)
    parts = [z.compress(b"BT /F1 12 Tf 72 760 Td (Budget monitoring report) Tj ET\n")]
    chunk = b" " * (1024 * 1024)
    parts += [z.compress(chunk) for _ in range(decoded_mb)]
    parts.append(z.flush())
    return assemble(_page_objects(_stream(b"".join(parts), compressed=True)))


def xobject_fanout(depth: int = 8, fan: int = 10) -> bytes:
    """Form X0 draws a line of text; form Xk draws X(k-1) `fan` times. The page draws X(depth)."""
    first_form = 6
    objects = _page_objects(
        _stream(b"q /X%d Do Q" % depth),
        resources=b"<< /Font << /F1 4 0 R >> /XObject << /X%d %d 0 R >> >>" % (depth, first_form + depth),
    )
    for level in range(depth + 1):
        if level == 0:
            body = b"BT /F1 10 Tf 72 700 Td (Item of business) Tj ET"
            resources = b"<< /Font << /F1 4 0 R >> >>"
        else:
            body = b" ".join([b"/X%d Do" % (level - 1)] * fan)
            resources = b"<< /XObject << /X%d %d 0 R >> >>" % (level - 1, first_form + level - 1)
        objects.append(_stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources %s" % resources))
    return assemble(objects)


def poisoned_tounicode(text_codes: bytes = b"ABC") -> bytes:
    """Helvetica with a ToUnicode CMap that maps 'A' to code point 55296 (U+D800), a surrogate that may not stand alone."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Poisoned def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        # pdfminer takes a number in a bfrange array as a code point: chr(55296) is a lone surrogate.
        b"1 beginbfrange <41> <41> [55296] endbfrange\n"
        b"2 beginbfchar <42> <0042> <43> <0043> endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    line = b"BT /F1 12 Tf 72 760 Td (" + text_codes + b" Committee report on library opening hours) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        _stream(line),
        _stream(cmap),
    ]
    return assemble(objects)


def text_flood(objects: int = 20_000) -> bytes:
    """One small page holding `objects` one-letter text objects in a grid, each its own run of characters: tiny
    compressed, and reading their positions is a long job (a document that keeps PDFium's reading busy). Its
    heading names a judgement table's label and grade, so its positions are read (only such pages' are)."""
    rows = 390
    heading = b"BT /F1 10 Tf 10 820 Td (Overall effectiveness   Good) Tj ET\n"
    content = heading + b"".join(
        b"BT /F1 2 Tf %d %d Td (x) Tj ET\n" % (10 + (i // rows) * 3, 800 - (i % rows) * 2) for i in range(objects)
    )
    return assemble(_page_objects(_stream(zlib.compress(content, 9), compressed=True)))
