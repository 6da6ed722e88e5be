"""Audit periods: the last completed one of each unit."""

import datetime

from nova.compute import audit_period
from nova import test

D = datetime.datetime


class TestLastCompleted(test.TestCase):

    def test_table(self):
        now = D(2026, 3, 15, 10, 30, 5)
        cases = [
            ('hour', (D(2026, 3, 15, 9), D(2026, 3, 15, 10))),
            ('hour@45', (D(2026, 3, 15, 8, 45), D(2026, 3, 15, 9, 45))),
            ('day', (D(2026, 3, 14), D(2026, 3, 15))),
            ('day@18', (D(2026, 3, 13, 18), D(2026, 3, 14, 18))),
            ('month', (D(2026, 2, 1), D(2026, 3, 1))),
            ('month@20', (D(2026, 1, 20), D(2026, 2, 20))),
            ('year', (D(2025, 1, 1), D(2026, 1, 1))),
            ('year@6', (D(2024, 6, 1), D(2025, 6, 1))),
        ]
        for unit, expected in cases:
            self.assertEqual(expected, audit_period.last_completed(
                unit, before=now), unit)
        # January: the period before starts in December of the year before.
        self.assertEqual((D(2025, 12, 1), D(2026, 1, 1)),
                         audit_period.last_completed(
                             'month', before=D(2026, 1, 10)))
        self.assertRaises(ValueError, audit_period.last_completed, 'week')
