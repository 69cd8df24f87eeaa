/// A path or name in double quotes, as every message writes them.
func quoted(_ text: String) -> String {
    "\"\(text)\""
}
