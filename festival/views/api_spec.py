"""The OpenAPI 3.1 document of ``/api/v1``."""

from __future__ import annotations

from typing import Any

from festival.keys import KEY_MAX_LENGTH, KEY_PATTERN
from festival.vocabulary import SessionStatus

KEY = {"type": "string", "pattern": KEY_PATTERN, "maxLength": KEY_MAX_LENGTH}
TIME = {
    "type": "string",
    "description": "2026-10-18T10:00 (wall time in the festival's zone) or with an offset",
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$",
}
STATUS = {"type": "string", "enum": [status.value for status in SessionStatus]}


def _error(description: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """An RFC 9457 problem (``application/problem+json``) with the members the API promises."""
    properties: dict[str, Any] = {
        "type": {"type": "string", "format": "uri-reference"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "error": {"type": "string"},
        "message": {"type": "string"},
    }
    properties.update(extra or {})
    return {
        "description": description,
        "content": {
            "application/problem+json": {
                "schema": {
                    "type": "object",
                    "required": ["type", "title", "status", "error"],
                    "properties": properties,
                }
            }
        },
    }


def openapi_document() -> dict[str, Any]:
    session = {
        "type": "object",
        "required": ["key", "event", "venue", "starts_at", "ends_at", "status"],
        "properties": {
            "key": KEY,
            "event": KEY,
            "kind": {"type": "string"},
            "title": {"type": "string"},
            "public": {"type": "boolean"},
            "venue": KEY,
            "starts_at": TIME,
            "ends_at": TIME,
            "status": STATUS,
            "sequence": {"type": "integer", "minimum": 0},
            "version": {"type": "integer", "minimum": 1},
            "updated_at": {"type": "string", "format": "date-time"},
            "warnings": {"type": "array", "items": {"type": "string"}},
        },
    }
    new_session = {
        "type": "object",
        "additionalProperties": False,
        "required": ["key", "event", "venue", "starts_at", "ends_at"],
        "properties": {
            "key": KEY,
            "event": KEY,
            "venue": KEY,
            "starts_at": TIME,
            "ends_at": TIME,
            "status": STATUS,
        },
    }
    change = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "event": KEY,
            "venue": KEY,
            "starts_at": TIME,
            "ends_at": TIME,
            "status": STATUS,
            "version": {"type": "integer", "minimum": 1},
        },
    }
    invalid = _error(
        "Invalid members, each named",
        {
            "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            "findings": {"type": "array", "items": {"type": "string"}},
        },
    )
    conflict = _error(
        "A scheduling rule refused the write (nothing was written)",
        {
            "conflicts": {"type": "array", "items": {"type": "string"}},
            "findings": {"type": "array", "items": {"type": "string"}},
        },
    )
    free_slot = {
        "type": "object",
        "required": ["venue", "starts_at", "ends_at"],
        "properties": {
            "venue": KEY,
            "starts_at": {"type": "string", "format": "date-time"},
            "ends_at": {"type": "string", "format": "date-time"},
        },
    }
    day = {"type": "string", "format": "date"}
    repeated = {"type": "array", "items": {"type": "string"}}

    def query(name: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
        item = {"name": name, "in": "query", "required": required, "schema": schema}
        if schema.get("type") == "array":
            item.update(style="form", explode=True)
        return item

    free_slot_parameters = [
        query("duration", {"type": "integer", "minimum": 1, "maximum": 525600}, True),
        query("from", day, True),
        query("to", day, True),
        query("venue", repeated),
        query("requires", repeated),
        query("delegation", repeated),
        query("capacity", {"type": "integer", "minimum": 0}),
    ]
    slug = {"name": "slug", "in": "path", "required": True, "schema": KEY}
    key = {"name": "key", "in": "path", "required": True, "schema": KEY}
    auth_errors = {
        "401": _error("No or invalid bearer token"),
        "403": _error("The token's user may not write"),
        "404": _error("Unknown festival or session"),
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Festival API", "version": "1"},
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
            "schemas": {
                "Session": session,
                "NewSession": new_session,
                "SessionChange": change,
                "FreeSlot": free_slot,
            },
        },
        "paths": {
            "/api/v1/festivals/{slug}/sessions": {
                "parameters": [slug],
                "get": {
                    "summary": "The sessions (public, confirmed ones without a token)",
                    "security": [{}, {"bearer": []}],
                    "responses": {
                        "200": {
                            "description": "Sessions in time order",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "festival": KEY,
                                            "timezone": {"type": "string"},
                                            "sessions": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/Session"},
                                            },
                                        },
                                    }
                                }
                            },
                        },
                        "401": _error("Invalid bearer token"),
                        "404": _error("Unknown or unpublished festival"),
                    },
                },
                "post": {
                    "summary": "Place a session",
                    "security": [{"bearer": []}],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/NewSession"}
                            }
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "Placed",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Session"}
                                }
                            },
                        },
                        "400": _error("The body is not a JSON object"),
                        "409": conflict,
                        "422": invalid,
                        **auth_errors,
                    },
                },
            },
            "/api/v1/festivals/{slug}/sessions/{key}": {
                "parameters": [slug, key],
                "patch": {
                    "summary": "Move, resize, re-status a session",
                    "security": [{"bearer": []}],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/SessionChange"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "Changed",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Session"}
                                }
                            },
                        },
                        "400": _error("The body is not a JSON object"),
                        "409": _error(
                            "A scheduling rule refused the write, or the session changed "
                            "since the version sent (error overtaken); nothing was written",
                            {
                                "conflicts": {"type": "array", "items": {"type": "string"}},
                                "findings": {"type": "array", "items": {"type": "string"}},
                            },
                        ),
                        "422": invalid,
                        **auth_errors,
                    },
                },
                "delete": {
                    "summary": "Remove a session",
                    "security": [{"bearer": []}],
                    "responses": {"204": {"description": "Removed"}, **auth_errors},
                },
            },
            "/api/v1/festivals/{slug}/free-slots": {
                "parameters": [slug],
                "get": {
                    "summary": "Maximal windows where a new confirmed session raises no "
                    "double booking, opening-hours, festival-dates or delegation warning",
                    "security": [{"bearer": []}, {"session": []}],
                    "parameters": free_slot_parameters,
                    "responses": {
                        "200": {
                            "description": "Windows ordered by start, then venue key",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["slots"],
                                        "properties": {
                                            "slots": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/FreeSlot"},
                                            }
                                        },
                                    }
                                }
                            },
                        },
                        "401": _error("No token or signed-in session, or an invalid token"),
                        "404": _error("Unknown festival, venue or delegation"),
                        "422": invalid,
                    },
                },
            },
        },
    }
