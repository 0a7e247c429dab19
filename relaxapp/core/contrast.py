"""Colour contrast as WCAG 2.2 measures it, so each theme's text can be checked against AA."""

from __future__ import annotations

AA_TEXT = 4.5  # normal text
AA_LARGE_TEXT = 3.0  # 18.66 px bold or 24 px and larger, and the outlines of controls


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    if len(digits) != 6:
        raise ValueError(f"'{hex_colour}' is not a #rrggbb colour")
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
