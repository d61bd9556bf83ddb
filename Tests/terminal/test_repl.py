"""The REPL through a real pty: completion, Ctrl-C at the prompt and during a query, Ctrl-D,
the continuation prompt, and the history file written and read back.

Run by scripts/test after the Swift build; QUARRY_BINARY names the binary to test."""
import os
import tempfile
import time
import unittest

import pexpect

BINARY = os.environ.get("QUARRY_BINARY", ".build/debug/quarry")
PROMPT = "quarry> "


class ReplTest(unittest.TestCase):
    # Ctrl-D is sent only at a prompt: typed while no read is pending, a tty's end-of-file can be
    # lost when readline switches the terminal to raw mode.
    def spawn(self, history):
        env = dict(os.environ, TERM="dumb", INPUTRC="/dev/null", NO_COLOR="1", QUARRY_HISTORY=history)
        child = pexpect.spawn(BINARY, env=env, encoding="utf-8", timeout=20, dimensions=(40, 200))
        child.expect_exact("Type .help for help.")
        child.expect_exact(PROMPT)
        return child

    def setUp(self):
        self.folder = tempfile.mkdtemp()
        self.history = os.path.join(self.folder, "history")

    def test_completes_a_collection(self):
        child = self.spawn(self.history)
        child.send("eve\t")
        child.expect_exact("events")
        child.send("| count\r")
        child.expect_exact("totals")
        child.expect_exact("107")
        child.expect_exact(PROMPT)
        child.sendeof()
        child.expect(pexpect.EOF)

    def test_completes_a_field_of_the_collection_queried(self):
        child = self.spawn(self.history)
        child.send("events where actor_d\t")
        child.expect_exact("actor_detail")
        child.send(' == "Aliyev" | count\r')
        child.expect_exact("totals")
        child.expect_exact("2")
        child.expect_exact(PROMPT)  # Ctrl-D only once readline reads again
        child.sendeof()
        child.expect(pexpect.EOF)

    def test_completes_an_actor_name_inside_a_string(self):
        child = self.spawn(self.history)
        child.send('events where actor = "Azer\t')
        # Several actors start with "Azerbaijan": readline completes the common part and rings.
        child.expect_exact("baijan")
        child.send('" | count\r')
        child.expect_exact("49")
        child.expect_exact(PROMPT)  # Ctrl-D only once readline reads again
        child.sendeof()
        child.expect(pexpect.EOF)

    def test_ctrl_c_at_the_prompt_clears_the_line(self):
        child = self.spawn(self.history)
        child.send("this is not a query")
        # Wait for the echo: a Ctrl-C makes the terminal flush what is still unread.
        child.expect_exact("this is not a query")
        child.sendintr()
        child.expect_exact(PROMPT)
        child.send("events | count\r")
        child.expect_exact("107")
        child.expect_exact(PROMPT)
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
        self.assertEqual(child.exitstatus, 0)

    def test_ctrl_c_stops_a_running_query(self):
        child = self.spawn(self.history)
        child.send("events | select a = (events | select b = (events | select c = (events | count)))\r")
        child.expect_exact("(events | count)))")
        time.sleep(0.5)  # let the query start: a Ctrl-C before Enter is read only clears the line
        child.sendintr()
        child.expect_exact("Interrupted", timeout=20)
        child.expect_exact(PROMPT)
        child.send("events | count\r")
        child.expect_exact("107")
        child.expect_exact(PROMPT)  # Ctrl-D only once readline reads again
        child.sendeof()
        child.expect(pexpect.EOF)

    def test_continuation_prompt(self):
        child = self.spawn(self.history)
        child.send("events where actor = \"Iran\" |\r")
        child.expect_exact("...> ")
        child.send("count\r")
        child.expect_exact("totals")
        child.expect_exact("5")
        child.expect_exact(PROMPT)  # Ctrl-D only once readline reads again
        child.sendeof()
        child.expect(pexpect.EOF)

    def test_ctrl_d_exits_zero(self):
        child = self.spawn(self.history)  # returns at the prompt
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
        self.assertEqual(child.exitstatus, 0)

    def test_history_is_written_and_read_back(self):
        child = self.spawn(self.history)
        child.send("events where actor = \"Iran\" |\r")
        child.expect_exact("...> ")
        child.send("count\r")
        child.expect_exact("totals")
        child.expect_exact(PROMPT)  # Ctrl-D only once readline reads again
        child.sendeof()
        child.expect(pexpect.EOF)
        with open(self.history, encoding="utf-8") as f:
            lines = f.read().rstrip("\n").split("\n")  # not splitlines(): it splits at U+2028 too
        self.assertEqual(lines[-1], 'events where actor = "Iran" |\u2028count')
        again = self.spawn(self.history)
        again.send("\x10")  # Ctrl-P: the previous entry, both of its lines
        again.send("\r")
        again.expect_exact("totals")
        again.expect_exact("5")
        again.expect_exact(PROMPT)  # Ctrl-D only once readline reads again
        again.sendeof()
        again.expect(pexpect.EOF)

    def test_meta_commands(self):
        child = self.spawn(self.history)
        child.send(".schema quotes\r")
        child.expect_exact("speaker_detail")
        child.send(".mode csv\r")
        child.send("comments | select author | head 1\r")
        child.expect_exact("author\r\nMurat")
        child.send(".nonsense\r")
        child.expect_exact("unknown command .nonsense")
        child.send(".quit\r")
        child.expect(pexpect.EOF)


if __name__ == "__main__":
    unittest.main()
