"""Private notes with Flask: salted password hashes, random tokens, every note checked against
its owner."""
import hashlib
import os
import re
import secrets

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
users = {}    # username -> {"id", "salt", "hash"}
tokens = {}   # token -> username
notes = {}    # id -> {"id", "text", "owner"}
next_note = 1


def digest(salt, password):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1000)


def account_fields():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return None
    username, password = body.get("username"), body.get("password")
    if not isinstance(username, str) or not re.fullmatch(r"[a-z0-9_]{3,30}", username):
        return None
    if not isinstance(password, str) or not 8 <= len(password) <= 100:
        return None
    return username, password


def caller():
    header = request.headers.get("Authorization", "")
    return tokens.get(header[len("Bearer "):]) if header.startswith("Bearer ") else None


@app.post("/users")
def sign_up():
    fields = account_fields()
    if fields is None:
        return jsonify(error="username: 3-30 of a-z 0-9 _; password: 8-100 characters"), 422
    username, password = fields
    if username in users:
        return jsonify(error="username taken"), 409
    salt = secrets.token_bytes(16)
    users[username] = {"id": len(users) + 1, "salt": salt, "hash": digest(salt, password)}
    return jsonify(id=users[username]["id"], username=username), 201


@app.post("/login")
def login():
    body = request.get_json(silent=True) or {}
    user = users.get(body.get("username")) if isinstance(body, dict) else None
    password = body.get("password") if isinstance(body, dict) else None
    if user is None or not isinstance(password, str) or not secrets.compare_digest(digest(user["salt"], password), user["hash"]):
        return jsonify(error="wrong username or password"), 401
    token = secrets.token_urlsafe(32)
    tokens[token] = body["username"]
    return jsonify(token=token)


@app.route("/notes", methods=["GET", "POST"])
def all_notes():
    global next_note
    who = caller()
    if who is None:
        return jsonify(error="log in first"), 401
    if request.method == "GET":
        return jsonify([{"id": n["id"], "text": n["text"]} for n in notes.values() if n["owner"] == who])
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify(error="a JSON object"), 400
    text = body.get("text")
    if not isinstance(text, str) or not 1 <= len(text) <= 1000:
        return jsonify(error="text: 1-1000 characters"), 422
    notes[next_note] = {"id": next_note, "text": text, "owner": who}
    next_note += 1
    return jsonify(id=next_note - 1, text=text), 201


@app.route("/notes/<int:note_id>", methods=["GET", "DELETE"])
def one_note(note_id):
    who = caller()
    if who is None:
        return jsonify(error="log in first"), 401
    note = notes.get(note_id)
    if note is None or note["owner"] != who:
        return jsonify(error="no such note"), 404
    if request.method == "DELETE":
        del notes[note_id]
        return "", 204
    return jsonify(id=note["id"], text=note["text"])


app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8080")))
