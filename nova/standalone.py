"""The whole cloud in one process: ``nova-all``.

Placement, the built-in image service, conductor, scheduler, one or more
fake (or libvirt) compute hosts and the Compute API run as threads over
the in-memory message transport, with SQLite files under the state
directory. Each piece talks to the others exactly as it would across
hosts: RPC for services, HTTP for placement and the image service.
"""

import os

from oslo_log import log as logging

import nova.conf
from nova.builtin.image import app as image_app
from nova.builtin.image import seed as image_seed
from nova.builtin import placement as builtin_placement
from nova import cells
from nova import context as nova_context
from nova.db import migration
from nova import exception
from nova import objects
from nova import service

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


def sqlite_url(path):
    return 'sqlite:///' + path


def set_defaults(state_dir):
    """Embedded defaults: SQLite under ``state_dir``, in-memory messaging,
    the built-in endpoints on loopback. Config files still override."""
    os.makedirs(state_dir, exist_ok=True)
    listen = CONF.all_in_one.listen
    CONF.set_default('state_path', state_dir)
    CONF.set_default('transport_url', 'fake://')
    CONF.set_default('connection', sqlite_url(
        os.path.join(state_dir, 'nova_cell1.sqlite')), group='database')
    CONF.set_default('connection', sqlite_url(
        os.path.join(state_dir, 'nova_api.sqlite')), group='api_database')
    CONF.set_default('endpoint_override', 'http://%s:%s' % (
        listen, CONF.all_in_one.placement_port), group='placement')
    CONF.set_default('endpoint_override', 'http://%s:%s' % (
        listen, CONF.all_in_one.image_port), group='glance')
    CONF.set_default('discover_hosts_in_cells_interval', 30,
                     group='scheduler')


def prepare_databases(context):
    """Migrate the API, cell0 and cell1 databases; map the cells."""
    migration.db_sync(database='api')
    migration.db_sync(database='main')
    cell0 = cells.map_cell0(context)
    migration.db_sync(database='main',
                      connection=cell0.database_connection)
    cells.simple_cell_setup(context)


def seed_flavors(context, specs):
    """Create the flavors of ``specs`` (``id:name:ram:disk:vcpus``) that
    do not exist yet."""
    for spec in specs:
        flavorid, name, ram, disk, vcpus = spec.split(':')
        try:
            objects.Flavor.get_by_flavor_id(context, flavorid)
            continue
        except exception.FlavorNotFound:
            pass
        try:
            objects.Flavor(context=context, flavorid=flavorid, name=name,
                           memory_mb=int(ram), root_gb=int(disk),
                           vcpus=int(vcpus), ephemeral_gb=0, swap=0,
                           is_public=True).create()
        except (exception.FlavorExists, exception.FlavorIdExists):
            pass


def compute_host_names(count):
    return [CONF.host] + ['%s-%d' % (CONF.host, i)
                          for i in range(2, count + 1)]


class AllInOne(object):
    """Starts and stops every piece of the all-in-one cloud.

    Ports of 0 bind free ports (tests); ``urls`` then tells where each
    endpoint listens.
    """

    def __init__(self, state_dir, api_port=None, placement_port=None,
                 image_port=None, fake_hosts=None):
        self.state_dir = state_dir
        self.api_port = api_port
        self.placement_port = placement_port
        self.image_port = image_port
        self.fake_hosts = fake_hosts or CONF.all_in_one.fake_hosts
        self.services = []
        self.servers = []
        self.urls = {}

    def start(self):
        try:
            return self._start()
        except BaseException:
            LOG.exception('nova-all failed to start')
            self.stop()
            raise

    def _start(self):
        from nova.api.openstack import compute as compute_api_app
        from nova import rpc

        context = nova_context.get_admin_context()
        self._serve_placement()
        self._serve_images()
        prepare_databases(context)
        seed_flavors(context, CONF.all_in_one.flavors)
        rpc.init(CONF)
        for binary in ('nova-conductor', 'nova-scheduler'):
            self._start_service(binary=binary)
        for host in compute_host_names(self.fake_hosts):
            self._start_service(binary='nova-compute', host=host,
                                db_allowed=False)
        cells.discover_hosts(context)
        api = service.WSGIService(compute_api_app.build_app(CONF),
                                  port=self.api_port)
        api.start()
        self.servers.append(api.server)
        self.urls['compute'] = api.url + '/v2.1'
        LOG.info('nova-all is ready: compute %s, image %s, placement %s',
                 self.urls['compute'], self.urls['image'],
                 self.urls['placement'])
        return self

    def _serve_placement(self):
        port = (CONF.all_in_one.placement_port if self.placement_port is None
                else self.placement_port)
        app = builtin_placement.make_app(sqlite_url(
            os.path.join(self.state_dir, 'placement.sqlite')))
        served = builtin_placement.serve(app, CONF.all_in_one.listen, port)
        self.servers.append(served)
        self.urls['placement'] = served.url
        CONF.set_override('endpoint_override', served.url, group='placement')

    def _serve_images(self):
        port = (CONF.all_in_one.image_port if self.image_port is None
                else self.image_port)
        image_dir = os.path.join(self.state_dir, 'image')
        app = image_app.create_app(image_dir)
        image_seed.seed_default_image(app)
        served = builtin_placement.serve(app, CONF.all_in_one.listen, port)
        self.servers.append(served)
        self.urls['image'] = served.url
        CONF.set_override('endpoint_override', served.url, group='glance')

    def _start_service(self, **kwargs):
        svc = service.Service.create(**kwargs)
        svc.start()
        self.services.append(svc)
        return svc

    def stop(self):
        from nova import rpc
        for svc in reversed(self.services):
            svc.stop()
        for server in reversed(self.servers):
            server.stop()
        self.services, self.servers = [], []
        rpc.cleanup()
