"""The history page: every session and episode in a timeline, a calendar and insights, the edits with undo,
and export, import and restore. A shell over the application floor (HistoryEdits, HistoryFiles).

Modules, each importing only those before it: dates, tab → timeline_model → ratings_dialog → calendar,
insights → file_actions → timeline → page. Import `relaxapp.ui.history.page` for HistoryPage; this package
itself imports nothing, so that loading one of them does not load QtCharts.
"""
