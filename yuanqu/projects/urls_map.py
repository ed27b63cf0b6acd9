from django.urls import path

from . import map_views

urlpatterns = [
    path("map/", map_views.battle_map, name="battle_map"),
]
