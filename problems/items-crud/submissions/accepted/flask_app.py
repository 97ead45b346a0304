"""Items CRUD with Flask (Debian's python3-flask)."""
import os

from flask import Flask, jsonify, request

app = Flask(__name__)
items = {}
next_id = 1


def fields():
    """The item's fields from the request, or an error reply."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return None, (jsonify(error="the body must be a JSON object"), 400)
    name, price, quantity = body.get("name"), body.get("price"), body.get("quantity", 0)
    is_number = isinstance(price, (int, float)) and not isinstance(price, bool)
    if not isinstance(name, str) or not 1 <= len(name) <= 100 or not is_number or price < 0 \
            or not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
        return None, (jsonify(error="name (1-100 characters), price >= 0, quantity >= 0"), 422)
    return {"name": name, "price": price, "quantity": quantity}, None


@app.get("/items")
def list_items():
    return jsonify([items[k] for k in sorted(items)])


@app.post("/items")
def create():
    global next_id
    item, error = fields()
    if error:
        return error
    items[next_id] = {"id": next_id, **item}
    next_id += 1
    return jsonify(items[next_id - 1]), 201


@app.get("/items/<int:item_id>")
def read(item_id):
    return (jsonify(items[item_id]), 200) if item_id in items else (jsonify(error="no such item"), 404)


@app.put("/items/<int:item_id>")
def replace(item_id):
    if item_id not in items:
        return jsonify(error="no such item"), 404
    item, error = fields()
    if error:
        return error
    items[item_id] = {"id": item_id, **item}
    return jsonify(items[item_id])


@app.delete("/items/<int:item_id>")
def delete(item_id):
    if items.pop(item_id, None) is None:
        return jsonify(error="no such item"), 404
    return "", 204


app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8080")), threaded=False)
