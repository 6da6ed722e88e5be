"""The route matching the built-in services share: templates such as
``/v2/images/{image_id}`` matched segment by segment, no regexes."""


def compile_routes(routes):
    """``{template: {METHOD: handler}}`` -> a list ``match`` walks."""
    return [(template, template.strip('/').split('/'), methods)
            for template, methods in routes.items()]


def match(compiled, path):
    """Return (template, methods, params) for ``path`` or None."""
    segments = path.strip('/').split('/')
    for template, parts, methods in compiled:
        if len(parts) != len(segments):
            continue
        params = {}
        for part, segment in zip(parts, segments):
            if part.startswith('{'):
                if not segment:
                    break
                params[part[1:-1]] = segment
            elif part != segment:
                break
        else:
            return template, methods, params
    return None
