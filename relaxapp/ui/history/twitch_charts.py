"""The insights' charts of twitches themselves: a week at a time with the injections marked, by the weeks
since the last injection, and by place and side."""

from __future__ import annotations

from relaxapp.core.history_wording import places_note, twitch_weeks_note
from relaxapp.core.injections import weeks_since_note
from relaxapp.core.journal import Side
from relaxapp.core.wording import PLACE_NAMES, SIDE_NAMES
from relaxapp.logic.progress import LOOK_BACK_MONTHS, TWITCH_WEEKS, InsightsData
from relaxapp.ui.charts import Bars, ChartCard, Look, draw_bars, mark_categories


def draw_twitch_weeks(card: ChartCard, data: InsightsData, look: Look) -> None:
    weeks = sorted(data.twitch_weeks.items())
    labels = [f"{start.day} {start:%b}" for start, _ in weeks]
    draw_bars(
        card.view.chart(),
        look,
        f"Twitches a week, the last {TWITCH_WEEKS} weeks",
        labels,
        [Bars("Twitches", [float(count) for _, count in weeks], look.colours.accent)],
        value_title="Twitches",
        value_format="%d",
        standing=True,
    )
    injected = [index for index, (start, _) in enumerate(weeks) if start in data.injection_weeks]
    mark_categories(card.view.chart(), look, injected, "Injection")
    twitches = sum(count for _, count in weeks)
    card.say(twitch_weeks_note(twitches, len(injected), TWITCH_WEEKS), drawn=bool(twitches))
    card.view.setAccessibleDescription(
        "; ".join(
            f"week of {label}: {count}{', injection' if start in data.injection_weeks else ''}"
            for label, (start, count) in zip(labels, weeks, strict=True)
        )
    )


def draw_since_injection(card: ChartCard, data: InsightsData, look: Look) -> None:
    effect = data.injections
    weeks = effect.by_weeks_since
    draw_bars(
        card.view.chart(),
        look,
        "Twitches by weeks since an injection",
        [str(since.weeks) for since in weeks],
        [Bars("Twitches a week", [round(since.twitches, 1) for since in weeks], look.colours.hold)],
        value_title="Mean a week",
        value_format="%.1f",
        standing=True,
    )
    card.say(weeks_since_note(effect), drawn=effect.charted)
    card.view.setAccessibleDescription(
        "; ".join(
            f"week {since.weeks} after an injection: {since.twitches:.1f} on average over {since.count}"
            for since in weeks
        )
    )


def draw_places(card: ChartCard, data: InsightsData, look: Look) -> None:
    colours = look.colours
    side_colours = (colours.accent, colours.hold, colours.exhale)
    draw_bars(
        card.view.chart(),
        look,
        "Where the twitches were",
        [PLACE_NAMES[count.place] for count in data.places],
        [
            Bars(SIDE_NAMES[side], [float(count.by_side[index]) for count in data.places], colour)
            for index, (side, colour) in enumerate(zip(Side, side_colours, strict=True))
        ],
        value_title=f"Twitches, the last {LOOK_BACK_MONTHS} months",
        value_format="%d",
        stacked=True,
    )
    card.say(places_note(data.twitches, LOOK_BACK_MONTHS), drawn=bool(data.places))
    card.view.setAccessibleDescription(
        "; ".join(
            f"{PLACE_NAMES[count.place]}: {count.total} ("
            + ", ".join(
                f"{number} {SIDE_NAMES[side].lower()}"
                for side, number in zip(Side, count.by_side, strict=True)
                if number
            )
            + ")"
            for count in data.places
        )
    )
