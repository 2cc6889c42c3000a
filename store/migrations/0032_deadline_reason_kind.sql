-- Whose words a deadline change's reason is (issue 18): the program's own, shown in the reader's
-- script, or a person's, shown as typed. It was decided by comparing the reason with the
-- program's messages, so rewording one changed how older records read; now it is a column, set
-- once from those words: 下發臺賬 (the first ledger issued), and the two reasons older versions
-- wrote when a re-issue or feedback changed a deadline without one.
ALTER TABLE deadlines ADD COLUMN reason_kind TEXT NOT NULL DEFAULT 'person' CHECK (reason_kind IN ('issued', 'reissued', 'person'));
UPDATE deadlines SET reason_kind = 'issued' WHERE reason = '下發臺賬';
UPDATE deadlines SET reason_kind = 'reissued' WHERE reason IN ('重新下發臺賬時指定新的截止日期', '退回意見時重新指定');
