#!/usr/bin/env python3
"""A stand-in desktop notification server for the real-window tests.

Owns `org.freedesktop.Notifications` on the session bus (the private one
scripts/desktop-test.sh starts) and answers the Desktop Notifications
Specification's methods like a real server, appending every `Notify` call it
receives to a file as one JSON line: {"app", "summary", "body"}. Prints
"ready" once it owns the name, so the test starts the app only then.

    /usr/bin/python3 tests/desktop/notification_server.py CAPTURE.jsonl

Needs PyGObject (python3-gi, installed by scripts/install-system-deps.sh).
"""

import json
import sys

import gi

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = """
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="GetCapabilities">
      <arg direction="out" type="as"/>
    </method>
    <method name="Notify">
      <arg direction="in" type="s" name="app_name"/>
      <arg direction="in" type="u" name="replaces_id"/>
      <arg direction="in" type="s" name="app_icon"/>
      <arg direction="in" type="s" name="summary"/>
      <arg direction="in" type="s" name="body"/>
      <arg direction="in" type="as" name="actions"/>
      <arg direction="in" type="a{sv}" name="hints"/>
      <arg direction="in" type="i" name="expire_timeout"/>
      <arg direction="out" type="u"/>
    </method>
    <method name="CloseNotification">
      <arg direction="in" type="u" name="id"/>
    </method>
    <method name="GetServerInformation">
      <arg direction="out" type="s"/>
      <arg direction="out" type="s"/>
      <arg direction="out" type="s"/>
      <arg direction="out" type="s"/>
    </method>
    <signal name="NotificationClosed">
      <arg type="u"/>
      <arg type="u"/>
    </signal>
    <signal name="ActionInvoked">
      <arg type="u"/>
      <arg type="s"/>
    </signal>
  </interface>
</node>
"""


def main() -> int:
    capture = sys.argv[1]
    loop = GLib.MainLoop()
    node = Gio.DBusNodeInfo.new_for_xml(INTERFACE)
    last_id = [0]

    def on_call(_conn, _sender, _path, _iface, method, params, invocation):  # type: ignore[no-untyped-def]
        if method == "Notify":
            app, _replaces, _icon, summary, body, _actions, _hints, _timeout = params.unpack()
            with open(capture, "a", encoding="utf-8") as f:
                f.write(json.dumps({"app": app, "summary": summary, "body": body}) + "\n")
            last_id[0] += 1
            invocation.return_value(GLib.Variant("(u)", (last_id[0],)))
        elif method == "GetCapabilities":
            invocation.return_value(GLib.Variant("(as)", (["body", "actions"],)))
        elif method == "GetServerInformation":
            invocation.return_value(GLib.Variant("(ssss)", ("aispend-test", "aispend", "1", "1.2")))
        else:
            invocation.return_value(None)

    def on_bus(conn, _name):  # type: ignore[no-untyped-def]
        conn.register_object(PATH, node.interfaces[0], on_call, None, None)

    def on_name(_conn, _name):  # type: ignore[no-untyped-def]
        print("ready", flush=True)

    def on_lost(_conn, _name):  # type: ignore[no-untyped-def]
        print(f"could not own {NAME}", file=sys.stderr, flush=True)
        loop.quit()

    Gio.bus_own_name(Gio.BusType.SESSION, NAME, Gio.BusNameOwnerFlags.NONE, on_bus, on_name, on_lost)
    loop.run()
    return 1


if __name__ == "__main__":
    sys.exit(main())
