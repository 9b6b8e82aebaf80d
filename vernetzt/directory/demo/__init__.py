"""The fictional demo town "Musterstadt": generated, deterministic directory data.

``town.plan_town`` draws the whole town from one seed without touching the database;
``services.seed_town`` writes that plan in bulk. Everything here is German demo content by
design (it is data, not interface text); every person and organisation is made up.
"""
