"""Names the pages share for the app's own things, so every page calls them the same."""

from __future__ import annotations

from relaxapp.core.routine import RoutineKind

KIND_NAMES = {
    RoutineKind.BREATHING: "Breathing",
    RoutineKind.PMR: "Muscle relaxation",
    RoutineKind.IMAGERY: "Guided imagery",
    RoutineKind.MASSAGE: "Face massage",
}
