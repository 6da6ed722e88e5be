"""What the cloud needs before Tempest can run, made over its REST APIs.

``http`` is the one JSON request helper (``HTTPError`` ends a run with exit
status 2 like ``SetupError``). ``Identity`` holds an admin token of
Keystone and its catalog; with it the runner creates the ``service``
project and the ``nova`` user (``set_up_service_user``), registers the
compute, image, network and placement endpoints (``register_catalog``),
and ``prepare`` uploads two images and makes sure flavors 1 and 2 exist.
``existing_cloud`` logs in to the deployment of ``--against-cloud``.
Standard library only.
"""

import json
import time
import urllib.error
import urllib.request

from common import REGION, SetupError, log

# Flavors Tempest's defaults expect (flavor_ref 1, flavor_ref_alt 2).
FLAVORS = {'1': ('m1.tiny', 512, 1, 1), '2': ('m1.small', 2048, 20, 1)}
IMAGE_BYTES = 4096


class HTTPError(Exception):

    def __init__(self, method, url, status, body):
        super().__init__('%s %s answered %s: %s' % (
            method, url, status, body[:500]))
        self.status = status


def http(method, url, body=None, token=None, data=None, headers=None,
         timeout=60):
    """One request; returns (status, headers, parsed JSON or None)."""
    hdrs = {'Accept': 'application/json'}
    if token:
        hdrs['X-Auth-Token'] = token
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        hdrs['Content-Type'] = 'application/json'
    elif data is not None:
        payload = data
        hdrs['Content-Type'] = 'application/octet-stream'
    hdrs.update(headers or {})
    req = urllib.request.Request(url, data=payload, method=method,
                                 headers=hdrs)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
            status, rheaders = resp.status, resp.headers
    except urllib.error.HTTPError as error:
        raw = error.read()
        raise HTTPError(method, url, error.code,
                        raw.decode('utf-8', 'replace'))
    except (urllib.error.URLError, OSError) as error:
        raise HTTPError(method, url, 'no answer', str(error))
    parsed = None
    if raw:
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = None
    return status, rheaders, parsed


class Identity(object):
    """A project-scoped admin token and the calls made with it."""

    def __init__(self, auth_url, username, password, project_name,
                 user_domain='Default', project_domain='Default',
                 region=REGION):
        self.auth_url = auth_url.rstrip('/')
        if not self.auth_url.endswith('/v3'):
            self.auth_url += '/v3'
        self.region = region
        body = {'auth': {
            'identity': {'methods': ['password'], 'password': {'user': {
                'name': username, 'password': password,
                'domain': {'name': user_domain}}}},
            'scope': {'project': {'name': project_name,
                                  'domain': {'name': project_domain}}}}}
        _s, headers, parsed = http('POST', self.auth_url + '/auth/tokens',
                                   body)
        self.token = headers['X-Subject-Token']
        self.catalog = parsed['token'].get('catalog', [])

    def refresh(self, username, password, project_name,
                user_domain='Default', project_domain='Default'):
        self.__init__(self.auth_url, username, password, project_name,
                      user_domain, project_domain, self.region)

    def call(self, method, path, body=None):
        url = path if '://' in path else self.auth_url + path
        return http(method, url, body, token=self.token)[2]

    def find(self, collection, name):
        found = self.call('GET', '/%s?name=%s' % (collection, name))
        items = found[collection]
        return items[0]['id'] if items else None

    def ensure(self, collection, body):
        kind = collection[:-1]
        existing = self.find(collection, body['name'])
        if existing:
            return existing
        return self.call('POST', '/' + collection, {kind: body})[kind]['id']

    def endpoint(self, service_type, interface='public'):
        for service in self.catalog:
            if service.get('type') != service_type:
                continue
            for endpoint in service.get('endpoints', []):
                if (endpoint.get('interface') == interface and
                        endpoint.get('region_id', endpoint.get('region'))
                        in (self.region, None)):
                    return endpoint['url'].rstrip('/')
        return None


def set_up_service_user(identity, password):
    """Project ``service`` with the user ``nova`` (roles admin, service)."""
    project = identity.ensure('projects', {'name': 'service',
                                           'domain_id': 'default'})
    user = identity.ensure('users', {'name': 'nova', 'domain_id': 'default',
                                     'password': password,
                                     'default_project_id': project})
    for role in ('admin', 'service'):
        role_id = identity.find('roles', role) or identity.ensure(
            'roles', {'name': role})
        identity.call('PUT', '/projects/%s/users/%s/roles/%s' % (
            project, user, role_id))


def register_catalog(identity, urls):
    """Services and public endpoints for ``urls`` ({type: url})."""
    names = {'compute': 'nova', 'image': 'glance', 'network': 'neutron',
             'placement': 'placement'}
    for service_type, url in urls.items():
        services = identity.call(
            'GET', '/services?type=%s' % service_type)['services']
        if services:
            service_id = services[0]['id']
        else:
            service_id = identity.call('POST', '/services', {'service': {
                'type': service_type, 'name': names[service_type],
                'enabled': True}})['service']['id']
        existing = identity.call(
            'GET', '/endpoints?service_id=%s&interface=public'
            % service_id)['endpoints']
        for endpoint in existing:
            identity.call('DELETE', '/endpoints/%s' % endpoint['id'])
        identity.call('POST', '/endpoints', {'endpoint': {
            'service_id': service_id, 'interface': 'public', 'url': url,
            'region_id': identity.region, 'enabled': True}})


def upload_images(image_url, token, count=2):
    """``count`` small public raw images; returns their ids."""
    ids = []
    data = (b'tempest image for nova-all\n' * 200)[:IMAGE_BYTES]
    for n in range(1, count + 1):
        name = 'tempest-image-%d' % n
        _s, _h, image = http('POST', image_url + '/v2/images', {
            'name': name, 'disk_format': 'raw', 'container_format': 'bare',
            'visibility': 'public', 'min_disk': 0, 'min_ram': 0}, token=token)
        http('PUT', '%s/v2/images/%s/file' % (image_url, image['id']),
             data=data, token=token)
        deadline = time.monotonic() + 60
        while True:
            image = http('GET', '%s/v2/images/%s' % (
                image_url, image['id']), token=token)[2]
            if image['status'] == 'active':
                break
            if (image['status'] in ('killed', 'deleted') or
                    time.monotonic() > deadline):
                raise SetupError('image %s is %s after upload' % (
                    image['id'], image['status']))
            time.sleep(0.5)
        ids.append(image['id'])
    return ids


def ensure_flavors(compute_url, token):
    for flavor_id, (name, ram, disk, vcpus) in sorted(FLAVORS.items()):
        try:
            http('GET', '%s/flavors/%s' % (compute_url, flavor_id),
                 token=token)
            continue
        except HTTPError as error:
            if error.status != 404:
                raise
        log('flavor %s is missing: creating %s' % (flavor_id, name))
        http('POST', compute_url + '/flavors', {'flavor': {
            'id': flavor_id, 'name': name, 'ram': ram, 'disk': disk,
            'vcpus': vcpus}}, token=token)


def existing_cloud(args):
    """``--against-cloud``: an admin token of the deployment of
    ``--auth-url`` and the cloud's values for tempest.conf."""
    identity = Identity(args.auth_url, args.admin_username,
                        args.admin_password, args.admin_project_name,
                        args.admin_domain_name, args.admin_domain_name,
                        args.region)
    return identity, {
        'auth_url': identity.auth_url, 'region': args.region,
        'admin_username': args.admin_username,
        'admin_password': args.admin_password,
        'admin_project_name': args.admin_project_name,
        'admin_domain_name': args.admin_domain_name,
        'flavor_ref': args.flavor_ref,
        'flavor_ref_alt': args.flavor_ref_alt,
        'image_ref': args.image_ref, 'image_ref_alt': args.image_ref_alt,
    }


def prepare(identity, cloud, args, cleanups):
    """Images (unless ``cloud`` names two) and flavors 1 and 2 (when
    they are the flavors used); fills ``cloud`` for tempest.conf. With
    ``--against-cloud`` the deletion of the uploaded images is appended
    to ``cleanups``."""
    compute = identity.endpoint('compute')
    if not compute:
        raise SetupError('no public compute endpoint in region %s of the '
                         'catalog' % identity.region)
    if not (cloud.get('image_ref') and cloud.get('image_ref_alt')):
        image = identity.endpoint('image')
        if not image:
            raise SetupError('no public image endpoint in region %s of '
                             'the catalog' % identity.region)
        ids = upload_images(image, identity.token)
        cloud['image_ref'], cloud['image_ref_alt'] = ids
        if args.against_cloud:
            cleanups.append(lambda: [
                http('DELETE', '%s/v2/images/%s' % (image, i),
                     token=identity.token) for i in ids])
        log('images %s uploaded to %s' % (', '.join(ids), image))
    if cloud['flavor_ref'] == '1' and cloud['flavor_ref_alt'] == '2':
        ensure_flavors(compute, identity.token)
    if args.neutron and args.public_network_id:
        cloud['public_network_id'] = args.public_network_id
