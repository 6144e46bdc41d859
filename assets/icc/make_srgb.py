"""Writes assets/icc/sRGB.icc: a compact ICC v2 display profile for sRGB (IEC 61966-2-1),
the PDF/A OutputIntent of every PDF unei writes to a PDF/A standard.

Every number comes from the sRGB standard: the primaries' and D65's chromaticities, the
piecewise transfer function, and the Bradford adaptation to the ICC's D50 connection space.
The tone curve is sampled at the 256 values of 8-bit input, where it is exact (between them
it is interpolated linearly): 524 bytes instead of the 2,060 of a 1,024-entry curve, shared
by the three channels (one tag, three entries in the tag table). The profile is about 1 KB
(6.9 KB for Debian's icc-profiles-free sRGB.icc, which unei embedded before).

Run from the repository's root: python3 assets/icc/make_srgb.py (the output is the same
bytes on every run; crates/unei-render/src/pdf/xmp.rs's tests check its numbers).
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sRGB.icc")
DESCRIPTION = b"sRGB IEC61966-2.1"
COPYRIGHT = b"No copyright"
# The ICC's profile connection space illuminant (D50), as the header stores it.
D50 = (0.9642, 1.0, 0.8249)
PRIMARIES = ((0.64, 0.33), (0.30, 0.60), (0.15, 0.06))
D65 = (0.3127, 0.3290)
BRADFORD = ((0.8951, 0.2664, -0.1614), (-0.7502, 1.7135, 0.0367), (0.0389, -0.0685, 1.0296))
CREATED = (2026, 12, 3, 0, 0, 0)


def xyz(x, y):
    return (x / y, 1.0, (1 - x - y) / y)


def mul(a, b):
    return tuple(tuple(sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)) for i in range(3))


def apply(m, v):
    return tuple(sum(m[i][k] * v[k] for k in range(3)) for i in range(3))


def inverse(m):
    (a, b, c), (d, e, f), (g, h, i) = m
    det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    adj = ((e * i - f * h, c * h - b * i, b * f - c * e),
           (f * g - d * i, a * i - c * g, c * d - a * f),
           (d * h - e * g, b * g - a * h, a * e - b * d))
    return tuple(tuple(v / det for v in row) for row in adj)


def colorants():
    """The primaries' XYZ under D50 (Bradford): the columns of the adapted RGB→XYZ matrix."""
    columns = [xyz(*p) for p in PRIMARIES]
    unscaled = tuple(tuple(columns[j][i] for j in range(3)) for i in range(3))
    scale = apply(inverse(unscaled), xyz(*D65))
    rgb_to_xyz = tuple(tuple(unscaled[i][j] * scale[j] for j in range(3)) for i in range(3))
    cone_src, cone_dst = apply(BRADFORD, xyz(*D65)), apply(BRADFORD, D50)
    gain = tuple(tuple((cone_dst[i] / cone_src[i]) if i == j else 0.0 for j in range(3)) for i in range(3))
    adapt = mul(inverse(BRADFORD), mul(gain, BRADFORD))
    adapted = mul(adapt, rgb_to_xyz)
    return [tuple(adapted[i][j] for i in range(3)) for j in range(3)]


def srgb_to_linear(c):
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def s15(v):
    return struct.pack(">i", round(v * 65536))


def xyz_tag(v):
    return b"XYZ \0\0\0\0" + b"".join(s15(c) for c in v)


def curve_tag():
    points = [round(65535 * srgb_to_linear(i / 255)) for i in range(256)]
    return b"curv\0\0\0\0" + struct.pack(">I", len(points)) + struct.pack(">256H", *points)


def desc_tag(text):
    # textDescriptionType: ASCII with its NUL, empty Unicode and ScriptCode parts.
    ascii_part = struct.pack(">I", len(text) + 1) + text + b"\0"
    return b"desc\0\0\0\0" + ascii_part + struct.pack(">IIHB", 0, 0, 0, 0) + bytes(67)


def text_tag(text):
    return b"text\0\0\0\0" + text + b"\0"


def profile():
    red, green, blue = colorants()
    curve = curve_tag()
    tags = [(b"desc", desc_tag(DESCRIPTION)), (b"cprt", text_tag(COPYRIGHT)),
            (b"wtpt", xyz_tag(xyz(*D65))), (b"rXYZ", xyz_tag(red)), (b"gXYZ", xyz_tag(green)),
            (b"bXYZ", xyz_tag(blue)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    table, data, placed = b"", b"", {}
    offset = 128 + 4 + 12 * len(tags)
    for signature, body in tags:
        if body not in placed:
            placed[body] = offset + len(data)
            data += body + bytes(-len(body) % 4)
        table += signature + struct.pack(">II", placed[body], len(body))
    size = offset + len(data)
    header = (struct.pack(">I", size) + bytes(4) + bytes((2, 0x10, 0, 0)) + b"mntrRGB XYZ "
              + struct.pack(">6H", *CREATED) + b"acsp" + bytes(24) + struct.pack(">I", 0)
              + b"".join(s15(c) for c in D50) + bytes(48))
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


if __name__ == "__main__":
    with open(OUT, "wb") as f:
        f.write(profile())
    print(f"wrote {os.path.relpath(OUT)} ({os.path.getsize(OUT)} bytes)")
