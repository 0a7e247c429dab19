from __future__ import annotations

import pytest

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


@pytest.mark.allow_logged_errors
def test_a_listener_that_fails_is_logged_and_the_others_still_hear(caplog: pytest.LogCaptureFixture):
    event: Event[str] = Event("history changed")
    heard: list[str] = []

    def broken(_value: str) -> None:
        raise RuntimeError("a page fell over")

    event.subscribe(broken)
    event.subscribe(heard.append)
    event.emit("saved")
    assert heard == ["saved"]
    [record] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert record.getMessage() == "a listener of 'history changed' failed"
    assert record.exc_info is not None and str(record.exc_info[1]) == "a page fell over"
