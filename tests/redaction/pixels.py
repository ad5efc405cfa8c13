"""Pixel checks on rendered pages (numpy arrays of grey values, 0 = black)."""

import numpy as np


def region(image, place, shrink_px=0):
    """The pixels of a page-fraction rectangle (left, top, right, bottom), shrunk by ``shrink_px`` on every side."""
    pixels = np.asarray(image, dtype=np.float64)
    height, width = pixels.shape
    x0, y0, x1, y1 = place
    return pixels[round(y0 * height) + shrink_px:round(y1 * height) - shrink_px,
                  round(x0 * width) + shrink_px:round(x1 * width) - shrink_px]


def has_ink(pixels) -> bool:
    """Something is drawn there: dark strokes on a light ground."""
    return pixels.size > 0 and pixels.min() < 100 and pixels.std() > 20


def correlation(first, second) -> float:
    return float(np.corrcoef(first.ravel(), second.ravel())[0, 1])


def box_place(box):
    return box.left, box.top, box.right, box.bottom


def contains(outer, inner, tolerance=1e-3) -> bool:
    return (outer[0] <= inner[0] + tolerance and outer[1] <= inner[1] + tolerance
            and outer[2] >= inner[2] - tolerance and outer[3] >= inner[3] - tolerance)
