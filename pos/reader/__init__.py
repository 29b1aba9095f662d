"""The card reader as the app sees it: one watcher per process, its taps streamed to the counter screens.

Contract (the cashier screen relies on it):

* ``GET /api/v1/reader/events`` — Server-Sent Events. Authorisation is the
  terminal's bearer token, or ``?token=<terminal token>`` because a browser's
  EventSource cannot send headers. The stream starts with ``retry: 2000`` and
  an ``event: status`` whose data is the status below plus ``kind: "status"``;
  then one ``event: <kind>`` per reader event (reader_online, reader_offline,
  card_inserted, card_removed, card_error, pcsc_available, pcsc_unavailable)
  with JSON data ``{kind, reader, uid, message, card_number, at}``; and a
  ``: heartbeat`` comment every ~15 s.
* ``GET /api/v1/reader/status`` — ``{enabled, watching, pcsc_available,
  message, readers: [{name, online, card_present, uid}]}``.

The watcher (cards.pcsc.ReaderWatcher) starts on the first subscriber or
status call when CANTEEN_READER=auto, never under TESTING unless a test
installs a hub with ``pos.reader.api.init_app(app, ReaderHub(True, pcsc))``.
Without pyscard or pcscd the stream still serves, saying so in its status.

Threads: waitress serves each open stream on one of its threads (16 by
default, CANTEEN_THREADS), so at most CANTEEN_READER_STREAMS (8) streams are
kept, leaving threads for requests (pos/capacity.py); one more closes the
oldest. Waitress notices a closed tab at the next write (the
heartbeat, within ~15 s), or within a second when it runs with
``channel_request_lookahead=1``.
"""
