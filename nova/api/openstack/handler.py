"""What an API handler declares about itself, collected by decorators.

The decorators in ``nova.api.openstack.wsgi`` and ``nova.api.validation``
fill one ``HandlerSpec`` per handler function; the dispatcher reads it to
validate input and output, and the structural tests read it to check that
every route is fully described.
"""


class HandlerSpec:
    """Declared behaviour of one handler function."""

    def __init__(self):
        self.code = 200
        self.expected_errors = ()
        self.policies = ()
        # Microversion range in which the handler exists; None = open.
        self.min_version = None
        self.max_version = None
        # Lists of (schema, min_version, max_version).
        self.body_schemas = []
        self.query_schemas = []
        self.response_schemas = []

    def pick(self, schemas, version):
        """The schema among ``schemas`` whose range holds ``version``."""
        for schema, low, high in schemas:
            if version.matches(low, high):
                return schema, True
        return None, False


def spec_of(func):
    """The ``HandlerSpec`` of ``func``, created on first use."""
    spec = getattr(func, 'api_spec', None)
    if spec is None:
        spec = HandlerSpec()
        func.api_spec = spec
    return spec
