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

    def enter(self, child, line, *expected):
        """Types a line and Enter, then waits for each expected text in turn."""
        child.send(line + "\r")
        for text in expected:
            child.expect_exact(text)

    def quit_at_prompt(self, child):
        """Waits for the prompt, then leaves with Ctrl-D and checks the exit status is 0."""
        child.expect_exact(PROMPT)  # Ctrl-D only once readline reads again
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
        self.assertEqual(child.exitstatus, 0)

    def assert_completes(self, typed, completed, rest, *expected):
        """Types `typed` and Tab, waits for `completed` to appear, finishes the query with `rest`
        and waits for the expected output."""
        child = self.spawn(self.history)
        child.send(typed + "\t")
        child.expect_exact(completed)
        self.enter(child, rest, *expected)
        self.quit_at_prompt(child)

    def test_completes_a_collection(self):
        self.assert_completes("eve", "events", "| count", "totals", "107")

    def test_completes_a_meta_command(self):
        self.assert_completes(".sc", ".schema", " documents", "the file stem")

    def test_completes_a_field_of_the_collection_queried(self):
        self.assert_completes("events where actor_d", "actor_detail", ' == "Aliyev" | count', "totals", "2")

    def test_completes_an_actor_name_inside_a_string(self):
        # Several actors start with "Azerbaijan": readline completes the common part and rings.
        self.assert_completes('events where actor = "Azer', "baijan", '" | count', "49")

    def test_ctrl_c_at_the_prompt_clears_the_line(self):
        child = self.spawn(self.history)
        child.send("this is not a query")
        # Wait for the echo: a Ctrl-C makes the terminal flush what is still unread.
        child.expect_exact("this is not a query")
        child.sendintr()
        child.expect_exact(PROMPT)
        self.enter(child, "events | count", "107")
        self.quit_at_prompt(child)

    def test_ctrl_c_stops_a_running_query(self):
        child = self.spawn(self.history)
        self.enter(child, "events | select a = (events | select b = (events | select c = (events | count)))",
                   "(events | count)))")
        time.sleep(0.5)  # let the query start: a Ctrl-C before Enter is read only clears the line
        child.sendintr()
        child.expect_exact("Interrupted", timeout=20)
        child.expect_exact(PROMPT)
        self.enter(child, "events | count", "107")
        self.quit_at_prompt(child)

    def test_continuation_prompt(self):
        child = self.spawn(self.history)
        self.enter(child, 'events where actor = "Iran" |', "...> ")
        self.enter(child, "count", "totals", "5")
        self.quit_at_prompt(child)

    def test_a_pasted_statement_goes_on_at_a_line_that_starts_with_a_pipe(self):
        # Issue 13, defect 8: the docs' multi-line examples, pasted (all lines at once).
        child = self.spawn(self.history)
        child.send('events where actor = "Iran"\r| count\r"next"\r')
        child.expect_exact("totals")
        child.expect_exact("5")
        child.expect_exact("next")
        # Typed alone, such a line cannot continue what already ran: it says so.
        child.expect_exact(PROMPT)
        self.enter(child, "| count", "continues the statement before it")
        self.quit_at_prompt(child)

    def test_tables_follow_a_resized_window(self):
        # Issue 13, defect 21: a table fits the window as it is now, not as it was at start.
        child = self.spawn(self.history)
        child.setwinsize(40, 70)
        self.enter(child, "events | select id, summary, evidence | head 2", "(2 rows)")
        lines = [line for line in child.before.replace("\r", "").split("\n") if PROMPT not in line]
        self.assertTrue(any(line.startswith("000-01") for line in lines))
        self.assertTrue(all(len(line) <= 70 for line in lines), max(lines, key=len))
        self.quit_at_prompt(child)

    def test_ctrl_d_exits_zero(self):
        child = self.spawn(self.history)  # returns having seen the prompt
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
        self.assertEqual(child.exitstatus, 0)

    def test_history_is_written_and_read_back(self):
        child = self.spawn(self.history)
        self.enter(child, 'events where actor = "Iran" |', "...> ")
        self.enter(child, "count", "totals")
        self.quit_at_prompt(child)
        with open(self.history, encoding="utf-8") as f:
            lines = f.read().rstrip("\n").split("\n")  # not splitlines(): it splits at U+2028 too
        self.assertEqual(lines[-1], 'events where actor = "Iran" |\u2028count')
        again = self.spawn(self.history)
        again.send("\x10")  # Ctrl-P: the previous entry, both of its lines
        self.enter(again, "", "totals", "5")
        self.quit_at_prompt(again)

    def test_meta_commands(self):
        child = self.spawn(self.history)
        self.enter(child, ".schema quotes", "speaker_detail")
        child.send(".mode csv\r")
        self.enter(child, "comments | select author | head 1", "author\r\nMurat")
        self.enter(child, ".nonsense", "unknown command .nonsense")
        child.send(".quit\r")
        child.expect(pexpect.EOF)

    def test_explain_a_query_on_a_binding(self):
        child = self.spawn(self.history)
        self.enter(child, 'let az = events where actor = "Azerbaijan"', PROMPT)
        self.enter(child, ".explain az | sort date desc | head 3", "sort date desc (top 3)", "scan az")
        self.enter(child, ".explain az | sort dat", "unknown field 'dat'")
        self.quit_at_prompt(child)

    def test_load_a_file_save_a_binding_and_reopen_it(self):
        fixture = os.path.abspath("Tests/quarryTests/Fixtures/incidents.csv")
        broken = os.path.abspath("Tests/quarryTests/Fixtures/broken.csv")
        saved = os.path.join(self.folder, "later.arrow")
        child = self.spawn(self.history)
        self.enter(child, ".load t=" + fixture, "t: 3 rows, 5 fields")
        child.expect_exact(PROMPT)
        # A failed load says where and why, and changes nothing.
        self.enter(child, ".load bad=" + broken, "broken.csv:3: a quoted field is never closed")
        child.expect_exact(PROMPT)
        self.enter(child, "t | count", "totals", "3")
        child.expect_exact(PROMPT)
        self.enter(child, "let later = t where id > 1")
        child.expect_exact(PROMPT)
        self.enter(child, ".save later " + saved, "saved 2 rows")
        child.expect_exact(PROMPT)
        self.enter(child, ".load again=" + saved, "again: 2 rows, 5 fields")
        child.expect_exact(PROMPT)
        self.enter(child, "again | count", "totals", "2")
        self.quit_at_prompt(child)


if __name__ == "__main__":
    unittest.main()
