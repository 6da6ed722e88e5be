"""The whole cloud in one process: ``nova-all``.

Placement, the built-in image service, conductor, scheduler, one or more
fake (or libvirt) compute hosts and the Compute API run as threads over
the in-memory message transport, with SQLite files under the state
directory. Each piece talks to the others exactly as it would across
hosts: RPC for services, HTTP for placement and the image service.
"""

import json
import os
import secrets

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg
from oslo_log import log as logging

import nova.conf
from nova.builtin import identity as builtin_identity
from nova.builtin.identity import validation as identity_validation
from nova.builtin.image import app as image_app
from nova.builtin.image import seed as image_seed
from nova.builtin import network as builtin_network
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


def load_passwords(state_dir):
    """The passwords of the seeded users, chosen once at first start."""
    path = os.path.join(state_dir, 'identity-passwords.json')
    if os.path.exists(path):
        with open(path) as handle:
            return json.load(handle)
    passwords = {'admin': secrets.token_urlsafe(18),
                 'demo': secrets.token_urlsafe(18)}
    passwords['reader'] = passwords['demo']
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, 'w') as handle:
        json.dump(passwords, handle)
    return passwords


def use_identity(identity_url, admin_password):
    """Point nova-api's keystonemiddleware and Nova's service clients at
    the built-in identity service (defaults: config files still win)."""
    from keystonemiddleware import auth_token
    group = 'keystone_authtoken'
    for name, opts in auth_token.list_opts():
        CONF.register_opts(opts, group=name)
    ks_loading.register_auth_conf_options(CONF, group)
    CONF.register_opts(ks_loading.get_auth_plugin_conf_options('password'),
                       group=group)
    for key, value in (('www_authenticate_uri', identity_url),
                       ('auth_url', identity_url),
                       ('auth_type', 'password'), ('username', 'admin'),
                       ('password', admin_password),
                       ('project_name', 'admin'),
                       ('user_domain_name', 'Default'),
                       ('project_domain_name', 'Default')):
        CONF.set_default(key, value, group=group)
    CONF.set_default('auth_strategy', 'keystone', group='api')
    # Nova binds ports as a service, with the admin's credentials.
    CONF.register_opts(ks_loading.get_auth_plugin_conf_options('password'),
                       group='neutron')
    for key, value in (('auth_url', identity_url), ('auth_type', 'password'),
                       ('username', 'admin'), ('password', admin_password),
                       ('project_name', 'admin'),
                       ('user_domain_name', 'Default'),
                       ('project_domain_name', 'Default')):
        CONF.set_default(key, value, group='neutron')


def compute_host_names(count):
    return [CONF.host] + ['%s-%d' % (CONF.host, i)
                          for i in range(2, count + 1)]


class AllInOne(object):
    """Starts and stops every piece of the all-in-one cloud.

    Ports of 0 bind free ports (tests); ``urls`` then tells where each
    endpoint listens.
    """

    def __init__(self, state_dir, api_port=None, placement_port=None,
                 image_port=None, fake_hosts=None, identity_port=None,
                 network_port=None, image_authenticate=None):
        self.state_dir = state_dir
        self.api_port = api_port
        self.placement_port = placement_port
        self.image_port = image_port
        self.identity_port = identity_port
        self.network_port = network_port
        self.identity = None
        self.passwords = None
        # Who the built-in image service trusts when the identity is not
        # the built-in one (tests with a real Keystone pass a checker).
        self.image_authenticate = image_authenticate
        self._admin_session = None
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
        if CONF.all_in_one.identity:
            self._serve_identity()
        self._serve_images()
        if CONF.all_in_one.network:
            self._serve_network()
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
        if self.identity is not None:
            self.identity.catalog_endpoints = self._catalog()
        LOG.info('nova-all is ready: %s', ', '.join(
            '%s %s' % item for item in sorted(self.urls.items())))
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

    def _port(self, given, configured):
        return configured if given is None else given

    def _authenticator(self):
        if self.identity is None:
            return {}
        return {'authenticate': identity_validation.token_authenticator(
            self.identity.store)}

    def _serve_identity(self):
        port = self._port(self.identity_port, CONF.all_in_one.identity_port)
        app = builtin_identity.create_app(
            os.path.join(self.state_dir, 'identity'))
        self.passwords = builtin_identity.seed(
            app, **{'%s_password' % user: password for user, password in
                    load_passwords(self.state_dir).items()})
        served = builtin_placement.serve(app, CONF.all_in_one.listen, port)
        self.servers.append(served)
        app.public_url = served.url
        self.identity = app
        self.urls['identity'] = served.url
        builtin_identity.write_clouds_yaml(
            os.path.join(self.state_dir, 'clouds.yaml'), served.url + '/v3',
            self.passwords)
        use_identity(served.url + '/v3', self.passwords['admin'])

    def _catalog(self):
        return {name: self.urls[key] for name, key in (
            ('compute', 'compute'), ('image', 'image'),
            ('network', 'network'), ('placement', 'placement'),
            ('identity', 'identity')) if key in self.urls}

    def _admin_token(self):
        """A fresh admin token for the network service's Nova events."""
        if self.identity is None:
            return 'admin:admin'
        if self._admin_session is None:
            from keystoneauth1.identity import v3
            from keystoneauth1 import session as ks_session
            self._admin_session = ks_session.Session(auth=v3.Password(
                auth_url=self.urls['identity'] + '/v3', username='admin',
                password=self.passwords['admin'], project_name='admin',
                user_domain_name='Default', project_domain_name='Default'))
        # The session renews the token when it nears expiry.
        return self._admin_session.get_token()

    def _serve_network(self):
        port = self._port(self.network_port, CONF.all_in_one.network_port)
        app = builtin_network.create_app(
            os.path.join(self.state_dir, 'network'),
            nova_url=lambda: self.urls['compute'],
            nova_token=self._admin_token, **self._authenticator())
        builtin_network.seed_default_network(app)
        served = builtin_placement.serve(app, CONF.all_in_one.listen, port)
        self.servers.append(served)
        self.urls['network'] = served.url
        try:
            CONF.set_override('endpoint_override', served.url,
                              group='neutron')
        except (cfg.NoSuchOptError, cfg.NoSuchGroupError):
            LOG.warning('Nova has no [neutron] options; servers get no '
                        'ports from the built-in network service')

    def _serve_images(self):
        port = (CONF.all_in_one.image_port if self.image_port is None
                else self.image_port)
        image_dir = os.path.join(self.state_dir, 'image')
        authenticate = self._authenticator()
        if self.image_authenticate is not None:
            authenticate = {'authenticate': self.image_authenticate}
        app = image_app.create_app(image_dir, **authenticate)
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
