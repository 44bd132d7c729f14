/** Memory a library retains, memory a library returns, and arenas nobody closed. */
module dev.customs.lifetime {
    exports dev.customs.lifetime;
}
