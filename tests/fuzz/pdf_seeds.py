#!/usr/bin/python3
"""Writes seed PDF files for fuzz_pdfinfo (and the hostile PDFs of
tests/e2e/test_sign.py) into DIR: small well-formed files with signature
fields (flat, nested, signed, on no page), and broken ones: a loop in the
page tree, a loop in a field's /Kids, a cross-reference table and trailer
claiming two billion objects, 100,000 references to one field, fields
nested 5,000 deep, empty, random bytes.

usage: pdf_seeds.py DIR"""
import os
import random
import sys


def pdf(objs, size=None):
    """A PDF with objects 1..n (1 is the catalog) and a classic xref table."""
    out = b"%PDF-1.7\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o.encode("latin-1") + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size or len(objs) + 1, x)
    return out


PAGES = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def page(annots):
    return "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [%s] >>" % annots


def seeds():
    s = {}
    # one field merged with its widget, named in UTF-16 ("CHỦ TỊCH")
    s["one-field"] = pdf(["<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>", PAGES, page("4 0 R"),
                          "<< /FT /Sig /T <FEFF004300481EE6002000541ECA00430048> /Type /Annot /Subtype /Widget "
                          "/Rect [357.17 128.23 464.88 224.61] /F 4 /P 3 0 R >>"])
    # a parent field with two widget kids, one signed (a /V dictionary), plus a text field
    s["nested"] = pdf(["<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 7 0 R] /SigFlags 3 >> >>", PAGES,
                       page("5 0 R 6 0 R"),
                       "<< /FT /Sig /T (ky) /Kids [5 0 R 6 0 R] /V << /Type /Sig /Filter /Adobe.PPKLite >> >>",
                       "<< /Subtype /Widget /Parent 4 0 R /Rect [300 100 200 50] /P 3 0 R >>",
                       "<< /Subtype /Widget /Parent 4 0 R /Rect [10 10 20 20] >>",
                       "<< /FT /Tx /T (name) /Subtype /Widget /Rect [0 0 1 1] >>"])
    s["pages-loop"] = pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           "<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>"])
    s["fields-loop"] = pdf(["<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>", PAGES, page("5 0 R"),
                            "<< /T (a) /FT /Sig /Kids [5 0 R] >>", "<< /T (b) /Kids [4 0 R 6 0 R] /Parent 4 0 R >>",
                            "<< /Subtype /Widget /Rect [10 10 110 60] /Parent 5 0 R >>"])
    s["huge-size"] = pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"], size=2**31 - 1)
    s["huge-xref"] = (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                      b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                      b"xref\n0 2000000000\n0000000000 65535 f \ntrailer << /Size 2000000000 /Root 1 0 R >>\n"
                      b"startxref\n110\n%%EOF\n")
    s["many-refs"] = pdf(["<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + " ".join(["4 0 R"] * 100000) +
                          "] >> >>", PAGES, page(""), "<< /T (x) /FT /Sig /Subtype /Widget /Rect [0 0 1 1] >>"])
    deep = "<< /FT /Sig /T (d) /Kids [" * 5000 + "<< /Subtype /Widget /Rect [1 2 3 4] >>" + "] >>" * 5000
    s["deep"] = pdf(["<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + deep + "] >> >>",
                     "<< /Type /Pages /Kids [] /Count 0 >>"])
    s["odd-values"] = pdf(["<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 9 0 R (x) 5] >> >>", PAGES,
                           page("4 0 R"),
                           "<< /T <FEFF0041001B005B0032004A> /FT /Sig /Subtype /Widget "
                           "/Rect [1e308 -1e308 (x) 4] /P 7 0 R /V 4 0 R >>"])
    s["empty"] = b""
    rnd = random.Random(30)
    s["random"] = bytes(rnd.randrange(256) for _ in range(3000))
    return s


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, data in seeds().items():
        with open(os.path.join(out, name + ".pdf"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
