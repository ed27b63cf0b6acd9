"""Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): firms and a city's 12345 hotline file and follow
demands with any Open311 client. Thin views over `services.submit` and `queries.visible_demands`.

Jurisdictions are parks (`jurisdiction_id` = park code). Service requests are never public: every
request call needs an api_key and sees what the key's user sees. The service list is public per
the spec, so without a key it needs `jurisdiction_id`.

errors (the spec's error model), serializers (JSON and XML, the spec's items), params (parameters,
api_key, jurisdiction), filters (GET requests onto the demand FilterSet), intake (POST requests),
views, urls.
"""
