"""E-supervision of the registers. The generic near-due and overdue rules watch every clock by
purpose (``reconsideration.*``, ``litigation.answer``); migration 0002 seeds two rules of the
registers' own: the respondent's answer overdue (red) and the decision within 10 working days
of its due date (yellow). The applicant's time to supply a correction is no clock: it is the
applicant's, not the office's."""

RULE_CODES = ["reconsideration_answer_overdue", "reconsideration_decision_near_due"]
