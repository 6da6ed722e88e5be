"""OS-DCF:diskConfig choices against an image's auto_disk_config."""

from nova.compute import disk_config
from nova import exception
from nova import test


def _image(value=None, nested=False):
    image = {'id': 'img'}
    if value is not None:
        if nested:
            image['properties'] = {'auto_disk_config': value}
        else:
            image['auto_disk_config'] = value
    return image


class ChooseTest(test.TestCase):

    def test_the_request_wins_unless_the_image_forbids_auto(self):
        for setting in (None, 'True', 'False'):
            self.assertTrue(disk_config.choose(_image(setting), 'AUTO'))
            self.assertFalse(disk_config.choose(_image(setting), 'MANUAL'))
        self.assertFalse(disk_config.choose(_image('disabled'), 'MANUAL'))
        for nested in (False, True):
            self.assertRaises(exception.AutoDiskConfigDisabledByImage,
                              disk_config.choose,
                              _image('Disabled', nested), 'AUTO')

    def test_without_a_request_the_image_decides(self):
        self.assertFalse(disk_config.choose(_image(), None))
        self.assertTrue(disk_config.choose(_image('true'), None))
        self.assertTrue(disk_config.choose(_image(True, nested=True), None))
        self.assertFalse(disk_config.choose(_image('False'), None))
        self.assertFalse(disk_config.choose(_image('disabled'), None))

    def test_api_values(self):
        self.assertTrue(disk_config.from_api('AUTO'))
        self.assertFalse(disk_config.from_api('MANUAL'))
        self.assertEqual('AUTO', disk_config.to_api(True))
        self.assertEqual('MANUAL', disk_config.to_api(None))
