"""The vm_state/task_state transition table."""

from nova.compute import states
from nova.compute import task_states
from nova.compute import vm_states
from nova import exception
from nova import objects
from nova.objects import fields
from nova import test


def _instance(vm_state):
    return objects.Instance(uuid='6f4ac0b5-7a5f-4d5e-9b23-7b1a0c8e2d11',
                            vm_state=vm_state)


# Steps of a build, which ends as a whole ('build').
BUILD_STEPS = ('build_networks', 'reschedule')


class TestTransitions(test.TestCase):

    def test_check(self):
        all_states = [getattr(vm_states, n) for n in dir(vm_states)
                      if n.isupper() and isinstance(getattr(vm_states, n),
                                                    str)]
        for vm_state in all_states:
            for operation, (allowed, task_state) in \
                    states.TRANSITIONS.items():
                inst = _instance(vm_state)
                if vm_state in allowed:
                    self.assertEqual(task_state,
                                     states.check(inst, operation))
                else:
                    self.assertRaises(exception.InstanceInvalidState,
                                      states.check, inst, operation)

    def test_table(self):
        cases = [
            ('build_networks', vm_states.BUILDING, task_states.NETWORKING),
            ('build_networks', vm_states.ERROR, None),
            ('build', vm_states.BUILDING, task_states.SPAWNING),
            ('build', vm_states.ACTIVE, None),
            ('delete', vm_states.ACTIVE, task_states.DELETING),
            ('delete', vm_states.ERROR, task_states.DELETING),
            ('delete', vm_states.BUILDING, task_states.DELETING),
            ('delete', vm_states.DELETED, None),
        ]
        for operation, vm_state, expected in cases:
            inst = _instance(vm_state)
            if expected is None:
                error = self.assertRaises(exception.InstanceInvalidState,
                                          states.check, inst, operation)
                self.assertIn(vm_state, str(error))
            else:
                self.assertEqual(expected, states.check(inst, operation))

    def test_outcomes(self):
        self.assertEqual((vm_states.ACTIVE, None),
                         states.outcome('build', 'success'))
        self.assertEqual((vm_states.ERROR, None),
                         states.outcome('build', 'failure'))
        self.assertEqual((vm_states.DELETED, None),
                         states.outcome('delete', 'success'))
        self.assertRaises(KeyError, states.outcome, 'delete', 'failure')

    def test_every_outcome_names_a_known_operation_and_state(self):
        for (operation, _), (vm_state, task_state) in \
                states.OUTCOMES.items():
            self.assertIn(operation, states.TRANSITIONS)
            self.assertIn(vm_state,
                          fields.VMState.ALL + (states.UNCHANGED,))
            self.assertIsNone(task_state)

    def test_every_operation_but_the_build_steps_has_a_success(self):
        for operation in states.TRANSITIONS:
            if operation not in BUILD_STEPS:
                self.assertIn((operation, 'success'), states.OUTCOMES)

    def test_failed_power_operations_keep_the_vm_state(self):
        self.assertEqual((vm_states.PAUSED, None), states.outcome(
            'unpause', 'failure', started_from=vm_states.PAUSED))
        self.assertEqual((vm_states.ERROR, None), states.outcome(
            'reboot_hard', 'failure', started_from=vm_states.STOPPED))

    def test_check_idle_refuses_a_busy_instance(self):
        inst = _instance(vm_states.ACTIVE)
        inst.task_state = None
        self.assertEqual(task_states.POWERING_OFF,
                         states.check_idle(inst, 'stop'))
        inst.task_state = task_states.REBOOTING
        error = self.assertRaises(exception.InstanceInvalidState,
                                  states.check_idle, inst, 'stop')
        self.assertIn('rebooting', str(error))

    def test_vm_state_constants_match_the_object_enum(self):
        names = [n for n in dir(vm_states) if n.isupper() and
                 isinstance(getattr(vm_states, n), str)]
        self.assertEqual(set(fields.VMState.ALL),
                         {getattr(vm_states, n) for n in names})
        self.assertTrue(vm_states.ALLOW_DELETE <= set(fields.VMState.ALL))
        self.assertNotIn(vm_states.DELETED, vm_states.ALLOW_DELETE)
        self.assertEqual(task_states.SPAWNING, task_states.BUILD_STEPS[-1])

    def test_every_user_operation_names_its_instance_action(self):
        from nova.compute import instance_actions
        for operation in states.TRANSITIONS:
            if operation in BUILD_STEPS + ('build', 'delete'):
                continue
            self.assertIn(operation, instance_actions.BY_OPERATION)

    def test_steps_follow_the_operations_first_task_state(self):
        inst = _instance(vm_states.ACTIVE)
        inst.task_state = task_states.IMAGE_SNAPSHOT
        saved = []
        inst.save = lambda expected_task_state: saved.append(
            (inst.task_state, expected_task_state))
        states.advance(inst, 'snapshot', task_states.IMAGE_PENDING_UPLOAD)
        states.advance(inst, 'snapshot', task_states.IMAGE_UPLOADING)
        self.assertEqual(
            [(task_states.IMAGE_PENDING_UPLOAD, [task_states.IMAGE_SNAPSHOT]),
             (task_states.IMAGE_UPLOADING,
              [task_states.IMAGE_PENDING_UPLOAD])], saved)
        self.assertRaises(ValueError, states.advance, inst, 'snapshot',
                          task_states.SPAWNING)
        for operation, steps in states.STEPS.items():
            self.assertIn(operation, states.TRANSITIONS)
            self.assertEqual(len(steps), len(set(steps)))

    def test_every_task_state_belongs_to_an_operation_that_can_fail(self):
        for operation, (_allowed, task_state) in states.TRANSITIONS.items():
            for step in (task_state,) + states.STEPS.get(operation, ()):
                if step is None:
                    continue
                inst = _instance(vm_states.ACTIVE)
                inst.task_state = step
                found = states.operation_in_progress(inst)
                self.assertIsNotNone(found, step)
                # A restarted host can always end what it finds.
                self.assertTrue(
                    (found, 'failure') in states.OUTCOMES or
                    found in BUILD_STEPS + ('delete',), found)
