"""Compare two page pictures: the mean absolute difference per sample
(0-255, over R, G and B) and a diff picture for a person to look at."""
import numpy as np
from PIL import Image


def load(path):
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)


def mean_diff(a, b):
    """Mean |a - b| over every sample; None when the sizes differ."""
    if a.shape != b.shape:
        return None
    return float(np.abs(a - b).mean())


def write_diff(a, b, out):
    """Ours on the left, poppler's in the middle, the difference (dark where
    they differ) on the right."""
    h = max(a.shape[0], b.shape[0])
    w = max(a.shape[1], b.shape[1])
    pad = lambda x: np.pad(x, ((0, h - x.shape[0]), (0, w - x.shape[1]), (0, 0)), constant_values=255)
    a, b = pad(a), pad(b)
    d = 255 - np.abs(a - b).max(axis=2, keepdims=True).repeat(3, axis=2)
    Image.fromarray(np.concatenate([a, b, d], axis=1).astype(np.uint8)).save(out)
