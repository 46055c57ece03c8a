#!/usr/bin/env python3
"""Generates the desktop app's PNG icons from the shapes in
src-tauri/icons/icon.svg, with the Python standard library only (no
downloads, no image libraries). Run: python3 scripts/gen-icons.py"""
import os
import struct
import zlib

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src-tauri", "icons")
TEAL = (0x1F, 0x6F, 0x6B, 255)
CREAM = (0xF6, 0xF1, 0xE7, 255)
APRICOT = (0xF2, 0xB8, 0x80, 255)


def in_rounded_rect(x, y, x0, y0, w, h, r):
    if not (x0 <= x <= x0 + w and y0 <= y <= y0 + h):
        return False
    cx = min(max(x, x0 + r), x0 + w - r)
    cy = min(max(y, y0 + r), y0 + h - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_ellipse(x, y, cx, cy, rx, ry):
    return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.0


def in_triangle(x, y, a, b, c):
    def sign(p, q, r):
        return (p[0] - r[0]) * (q[1] - r[1]) - (q[0] - r[0]) * (p[1] - r[1])
    d1, d2, d3 = sign((x, y), a, b), sign((x, y), b, c), sign((x, y), c, a)
    neg = d1 < 0 or d2 < 0 or d3 < 0
    pos = d1 > 0 or d2 > 0 or d3 > 0
    return not (neg and pos)


def colour_at(x, y):
    """Colour of the 64x64 design at (x, y), or None for transparent."""
    if in_ellipse(x, y, 42, 40, 12, 9) or in_triangle(x, y, (48, 45), (52, 54), (42, 47)):
        return APRICOT
    if in_ellipse(x, y, 26, 27, 16, 12) or in_triangle(x, y, (16, 34), (14, 46), (26, 37)):
        return CREAM
    if in_rounded_rect(x, y, 2, 2, 60, 60, 14):
        return TEAL
    return None


def render(size):
    samples = 4  # supersampling per axis, for smooth edges
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter type: none
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) * 64 / size
                    y = (py + (sy + 0.5) / samples) * 64 / size
                    c = colour_at(x, y)
                    if c:
                        for i in range(3):
                            acc[i] += c[i]
                        acc[3] += 255
            n = samples * samples
            covered = acc[3] // 255
            if covered:
                row += bytes([acc[0] // covered, acc[1] // covered, acc[2] // covered, acc[3] // n])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    return b"".join(rows)


def png(size):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(render(size), 9)) + chunk(b"IEND", b""))


def main():
    os.makedirs(HERE, exist_ok=True)
    for name, size in [("32x32.png", 32), ("128x128.png", 128), ("icon.png", 256)]:
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(png(size))
        print("wrote", os.path.join("src-tauri", "icons", name))


if __name__ == "__main__":
    main()
