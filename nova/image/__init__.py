"""Nova's access to the image service (see ``nova.image.glance``)."""
