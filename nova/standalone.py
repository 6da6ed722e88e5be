"""The whole cloud in one process: ``nova-all``.

Placement, the built-in image service, conductor, scheduler, one or more
fake (or libvirt) compute hosts and the Compute API run as threads over
the in-memory message transport, with SQLite files under the state
directory. Each piece talks to the others exactly as it would across
hosts: RPC for services, HTTP for placement and the image service.
"""

import contextlib
import json
import os
import secrets

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg
from oslo_log import log as logging

import nova.conf
from nova.builtin import authn
from nova.builtin import identity as builtin_identity
from nova.builtin.image import app as image_app
from nova.builtin.image import seed as image_seed
from nova.builtin import network as builtin_network
from nova.builtin import placement as builtin_placement
from nova import cells
from nova import context as nova_context
from nova.db import migration
from nova import exception
from nova import objects
from nova import ports
from nova import service

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


def sqlite_url(path):
    return 'sqlite:///' + path


def set_defaults(state_dir):
    """Embedded defaults: SQLite under ``state_dir``, in-memory messaging,
    the built-in endpoints on loopback. Config files still override."""
    os.makedirs(state_dir, exist_ok=True)
    CONF.set_default('state_path', state_dir)
    CONF.set_default('transport_url', 'fake://')
    CONF.set_default('connection', sqlite_url(
        os.path.join(state_dir, 'nova_cell1.sqlite')), group='database')
    CONF.set_default('connection', sqlite_url(
        os.path.join(state_dir, 'nova_api.sqlite')), group='api_database')
    CONF.set_default('discover_hosts_in_cells_interval', 30,
                     group='scheduler')
    # One host by default: a resize must be able to stay on it.
    CONF.set_default('allow_resize_to_same_host', True)
    # The fake hypervisor restarts with nova-all: start the guests of
    # ACTIVE servers again, as a rebooted host would.
    CONF.set_default('resume_guests_state_on_host_boot', True)


def point_at(group, url):
    """Make ``url`` the default ``endpoint_override`` of ``group``.

    A default, never an override: an operator's configuration (an
    endpoint of their own, or none so the catalog decides) wins.
    """
    CONF.set_default('endpoint_override', url, group=group)


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
    authn.register_authtoken_opts(CONF, 'password')
    credentials = (('auth_url', identity_url), ('auth_type', 'password'),
                   ('username', 'admin'), ('password', admin_password),
                   ('project_name', 'admin'),
                   ('user_domain_name', 'Default'),
                   ('project_domain_name', 'Default'))
    for key, value in credentials + (
            ('www_authenticate_uri', identity_url),):
        CONF.set_default(key, value, group=authn.AUTHTOKEN_GROUP)
    CONF.set_default('auth_strategy', 'keystone', group='api')
    # Nova binds ports and reports resources as a service, with the
    # admin's credentials.
    for group in ('neutron', 'placement'):
        CONF.register_opts(
            ks_loading.get_auth_plugin_conf_options('password'), group=group)
        for key, value in credentials:
            CONF.set_default(key, value, group=group)


@contextlib.contextmanager
def _no_progress(label):
    yield


@contextlib.contextmanager
def _bound(listener):
    """Turn a failure to bind ``listener``'s address (taken after
    ``ports.check_free``) into ``ports.PortInUse``."""
    try:
        yield
    except OSError as error:
        ports.raise_in_use(listener, error)


def compute_host_names(count):
    return [CONF.host] + ['%s-%d' % (CONF.host, i)
                          for i in range(2, count + 1)]


class AllInOne(object):
    """Starts and stops every piece of the all-in-one cloud.

    Ports of 0 bind free ports (tests); ``urls`` then tells where each
    endpoint listens. Which stand-ins run follows ``[all_in_one]
    identity``, ``image`` and ``network``; how they authenticate callers
    follows ``nova.builtin.authn``.

    ``progress(label)``, when given, is a context manager wrapped around
    each step of the start (``label`` says what the step creates), for
    nova-all to tell what a first start is doing.
    """

    def __init__(self, state_dir, api_port=None, placement_port=None,
                 image_port=None, fake_hosts=None, identity_port=None,
                 network_port=None, progress=None):
        self.state_dir = state_dir
        self.api_port = api_port
        self.placement_port = placement_port
        self.image_port = image_port
        self.identity_port = identity_port
        self.network_port = network_port
        self.identity = None
        self.passwords = None
        self.stand_in_auth = None
        self.network_app = None
        self._service_session = None
        self.fake_hosts = fake_hosts or CONF.all_in_one.fake_hosts
        self.progress = progress or _no_progress
        self.services = []
        self.servers = []
        self.urls = {}

    def start(self):
        """Start everything; returns self. Raises ``ports.PortInUse``
        (nothing started) when a port is taken."""
        try:
            return self._start()
        except ports.PortInUse:
            # NOTE: one line for the operator, no traceback: the caller
            # says it.
            self.stop()
            raise
        except BaseException:
            LOG.exception('nova-all failed to start')
            self.stop()
            raise

    def _start(self):
        from nova.api.openstack import compute as compute_api_app
        from nova import rpc

        context = nova_context.get_admin_context()
        listeners = self.listeners()
        ports.check_free(listeners.values())
        if CONF.all_in_one.identity:
            with self.progress('creating the identity service and its '
                               'users (admin, demo, reader)'):
                self._serve_identity()
        self.stand_in_auth = authn.for_conf(
            CONF, self.identity.store if self.identity else None)
        with self.progress('creating the placement service'):
            self._serve_placement()
        if CONF.all_in_one.image:
            with self.progress('creating the image service and image '
                               '"tiny"'):
                self._serve_images()
        if CONF.all_in_one.network:
            with self.progress('creating the network service and networks '
                               '(private, public)'):
                self._serve_network()
        with self.progress('creating databases (API, cell0, cell1) and '
                           'cells'):
            prepare_databases(context)
        with self.progress('creating flavors (%s)' % ', '.join(
                spec.split(':')[1] for spec in CONF.all_in_one.flavors)):
            seed_flavors(context, CONF.all_in_one.flavors)
        rpc.init(CONF)
        with self.progress('starting conductor, scheduler and %d compute '
                           'host(s)' % self.fake_hosts):
            for binary in ('nova-conductor', 'nova-scheduler'):
                self._start_service(binary=binary)
            for host in compute_host_names(self.fake_hosts):
                self._start_service(binary='nova-compute', host=host,
                                    db_allowed=False)
            cells.discover_hosts(context)
        with self.progress('starting the compute API'):
            api = service.WSGIService(compute_api_app.build_app(CONF),
                                      port=self.api_port)
            with _bound(listeners['compute']):
                api.start()
        self.servers.append(api.server)
        self.urls['compute'] = api.url + '/v2.1'
        if self.identity is not None:
            self.identity.catalog_endpoints = self._catalog()
        LOG.info('nova-all is ready: %s', ', '.join(
            '%s %s' % item for item in sorted(self.urls.items())))
        return self

    def _port(self, given, configured):
        return configured if given is None else given

    def listeners(self):
        """``{name: ports.Listener}`` of the endpoints that will run."""
        aio = CONF.all_in_one

        def builtin(service_name, given, option):
            return ports.Listener(
                service_name, aio.listen,
                self._port(given, aio[option]),
                '--%s ([all_in_one] %s)' % (option.replace('_', '-'),
                                            option))

        found = {'compute': ports.Listener(
            'the compute API', CONF.osapi_compute_listen,
            self._port(self.api_port, CONF.osapi_compute_listen_port),
            '--osapi-compute-listen-port ([DEFAULT] '
            'osapi_compute_listen_port)'),
            'placement': builtin('the placement service',
                                 self.placement_port, 'placement_port')}
        if aio.identity:
            found['identity'] = builtin('the identity service',
                                        self.identity_port, 'identity_port')
        if aio.image:
            found['image'] = builtin('the image service', self.image_port,
                                     'image_port')
        if aio.network:
            found['network'] = builtin('the network service',
                                       self.network_port, 'network_port')
        return found

    def _serve(self, name, app, port):
        """Serve a stand-in behind its token validation."""
        with _bound(self.listeners()[name]):
            served = builtin_placement.serve(
                self.stand_in_auth.wrap(app), CONF.all_in_one.listen, port,
                service=name)
        self.servers.append(served)
        self.urls[name] = served.url
        return served

    def _serve_placement(self):
        # With token validation anywhere, placement validates tokens too
        # (admin or service role), against the same identity.
        authtoken = None
        if self.stand_in_auth.mode != 'development':
            authtoken = authn.authtoken_values(CONF)
        app = builtin_placement.make_app(sqlite_url(
            os.path.join(self.state_dir, 'placement.sqlite')),
            authtoken=authtoken)
        with _bound(self.listeners()['placement']):
            served = builtin_placement.serve(
                app, CONF.all_in_one.listen, self._port(
                    self.placement_port, CONF.all_in_one.placement_port),
                service='placement')
        self.servers.append(served)
        self.urls['placement'] = served.url
        point_at('placement', served.url)

    def _serve_identity(self):
        port = self._port(self.identity_port, CONF.all_in_one.identity_port)
        app = builtin_identity.create_app(
            os.path.join(self.state_dir, 'identity'))
        self.passwords = builtin_identity.seed(
            app, **{'%s_password' % user: password for user, password in
                    load_passwords(self.state_dir).items()})
        with _bound(self.listeners()['identity']):
            served = builtin_placement.serve(app, CONF.all_in_one.listen,
                                             port, service='identity')
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

    def _service_token(self):
        """A token for the network service's events to Nova: the admin's
        of the built-in identity, else Nova's ``[neutron]`` service
        credentials, else the development admin token."""
        if self._service_session is None:
            from keystoneauth1 import session as ks_session
            auth = ks_loading.load_auth_from_conf_options(CONF, 'neutron')
            if auth is None:
                return 'admin:admin'
            self._service_session = ks_session.Session(auth=auth)
        # The session renews the token when it nears expiry.
        return self._service_session.get_token()

    def _serve_network(self):
        port = self._port(self.network_port, CONF.all_in_one.network_port)
        app = builtin_network.create_app(
            os.path.join(self.state_dir, 'network'),
            nova_url=lambda: self.urls['compute'],
            nova_token=self._service_token,
            authenticate=self.stand_in_auth.authenticate)
        builtin_network.seed_default_network(app)
        public = builtin_network.seed_public_network(app)
        # Allocate floating IPs from the seeded external network unless the
        # operator names another pool (DevStack configures Nova so too).
        CONF.set_default('default_floating_pool', public['name'],
                         group='neutron')
        self.network_app = app
        served = self._serve('network', app, port)
        try:
            point_at('neutron', served.url)
        except (cfg.NoSuchOptError, cfg.NoSuchGroupError):
            LOG.warning('Nova has no [neutron] options; servers get no '
                        'ports from the built-in network service')

    def _serve_images(self):
        port = self._port(self.image_port, CONF.all_in_one.image_port)
        app = image_app.create_app(
            os.path.join(self.state_dir, 'image'),
            authenticate=self.stand_in_auth.authenticate)
        image_seed.seed_default_image(app)
        served = self._serve('image', app, port)
        point_at('glance', served.url)

    def _start_service(self, **kwargs):
        svc = service.Service.create(**kwargs)
        svc.start()
        self.services.append(svc)
        return svc

    def stop(self):
        """Stop whatever runs, quickly and in an order free of timeouts.

        The Compute API goes first: no new work comes in. The services
        follow in groups, the members of a group at once, callers before
        the services they call (nova-compute calls the conductor, which
        calls the scheduler): a service stopped while a request to it is in
        progress would keep its caller waiting for the RPC timeout. The
        stand-ins (placement, image, network, identity) go last, at once:
        the services use them until they stop. Idempotent.
        """
        from nova import rpc
        compute_url = self.urls.get('compute', '')
        api = [server for server in self.servers
               if compute_url.startswith(server.url + '/')]
        service.stop_all(api)
        callers_first = ('nova-compute', 'nova-conductor', 'nova-scheduler')
        for binary in callers_first:
            service.stop_all(svc for svc in self.services
                             if svc.binary == binary)
        service.stop_all(svc for svc in self.services
                         if svc.binary not in callers_first)
        service.stop_all(server for server in self.servers
                         if server not in api)
        if self.network_app is not None and self.network_app.notifier:
            self.network_app.notifier.stop()
        self.services, self.servers = [], []
        rpc.cleanup()
