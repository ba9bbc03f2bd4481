#!/usr/bin/env python3
"""Generates the Chengdu demo pack's cameras and sensors (points.json).

Invented devices on real district polygons: cameras in clusters around intersections (so one scene is seen
by several cameras, as in a real city), denser in the central districts; sensors spread more evenly.
Coordinates are GCJ-02, like the district file and like Chinese feeds. Deterministic (fixed seed).
Run from the pack folder: python3 tools/generate_demo_points.py > points.json
"""
import json
import math
import random

random.seed(510100)
districts = json.load(open("districts.geojson"))["features"]


def rings(geometry):
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return polys


def inside(lon, lat, polygon):
    def in_ring(ring):
        hit = False
        j = len(ring) - 1
        for i in range(len(ring)):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                hit = not hit
            j = i
        return hit
    return in_ring(polygon[0]) and not any(in_ring(h) for h in polygon[1:])


def district_of(lon, lat):
    for f in districts:
        if any(inside(lon, lat, p) for p in rings(f["geometry"])):
            return f
    return None


def offset(lon, lat, meters):
    bearing = random.random() * 2 * math.pi
    return (lon + meters * math.sin(bearing) / (111320 * math.cos(math.radians(lat))),
            lat + meters * math.cos(bearing) / 110574)


centre = (104.0657, 30.6595)  # Tianfu Square, GCJ-02
points = []


def random_point(radius_m):
    while True:
        lon, lat = offset(*centre, radius_m * math.sqrt(random.random()))
        if district_of(lon, lat):
            return lon, lat


for i in range(90):
    hub = random_point(14000 if i < 70 else 45000)
    for _ in range(random.randint(3, 6)):
        lon, lat = offset(*hub, random.random() * 180)
        if district_of(lon, lat):
            points.append({"id": f"CD-CAM-{len(points) + 1:04d}", "kind": "camera", "lon": round(lon, 6), "lat": round(lat, 6)})

cameras = len(points)
for i in range(150):
    lon, lat = random_point(20000 if i < 100 else 45000)
    points.append({"id": f"CD-SEN-{i + 1:04d}", "kind": "sensor", "lon": round(lon, 6), "lat": round(lat, 6)})

for p in points:
    p["name"] = f"{district_of(p['lon'], p['lat'])['properties']['name']} {p['kind']} {p['id'][-4:]}"

print(json.dumps({"note": f"Invented demo devices ({cameras} cameras, {len(points) - cameras} sensors); GCJ-02; see tools/generate_demo_points.py", "points": points}, ensure_ascii=False, indent=1))
