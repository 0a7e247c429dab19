import pytest

from relaxapp.core.contrast import contrast_ratio, relative_luminance


def test_black_on_white_is_twenty_one_to_one():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


def test_a_known_pair_matches_the_published_figure():
    # WebAIM's checker gives 4.54:1 for #767676 on white, the lightest grey that passes AA.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_a_malformed_colour_is_refused():
    with pytest.raises(ValueError, match="not a #rrggbb colour"):
        relative_luminance("#fff")
