from __future__ import annotations

from relaxapp.logic.events import Event


def test_listeners_hear_in_order_and_can_leave_while_hearing():
    event: Event[int] = Event("count")
    heard: list[str] = []

    def leaving(value: int) -> None:
        heard.append(f"leaving {value}")
        stop_leaving()

    stop_leaving = event.subscribe(leaving)
    event.subscribe(lambda value: heard.append(f"staying {value}"))
    event.emit(1)
    event.emit(2)
    assert heard == ["leaving 1", "staying 1", "staying 2"]
