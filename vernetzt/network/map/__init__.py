"""The network map: a layout computed on the server (``layout``) and the compact graph data
the page draws (``data``)."""
