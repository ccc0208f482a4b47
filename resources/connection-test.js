/**
 * Editor side of the "Test connection" / "Send test alert" buttons, shared by the connection and
 * alert dialogs: the dialog's current values (saved or not) go to the node type's admin endpoint,
 * which makes one harmless call; each result line is shown in the editor's language.
 */
(function () {
    'use strict';
    window.HrAtsHris = window.HrAtsHris || {};
    window.HrAtsHris.wireConnectionTest = function (node, type, prefix) {
        $('#' + type + '-test').on('click', function () {
            var button = $(this);
            var result = $('#' + type + '-result');
            var body = { id: node.id, config: {}, credentials: {} };
            Object.keys(node._def.defaults).forEach(function (k) {
                var field = $('#' + prefix + '-' + k);
                if (field.length) {
                    body.config[k] = field.is(':checkbox') ? field.is(':checked') : field.val();
                }
            });
            Object.keys(node._def.credentials || {}).forEach(function (k) {
                var field = $('#' + prefix + '-' + k);
                if (field.length) {
                    body.credentials[k] = field.val();
                }
            });
            function line(ok, text) {
                $('<div>')
                    .append(
                        $('<i class="fa">')
                            .addClass(ok ? 'fa-check' : 'fa-exclamation-triangle')
                            .css('color', ok ? '#3a9a3a' : '#c77b00')
                    )
                    .append(' ')
                    .append($('<span>').text(text))
                    .appendTo(result);
            }
            button.prop('disabled', true);
            result.show().text(node._('common.connectionTest.testing'));
            $.ajax({ url: type + '/test', method: 'POST', contentType: 'application/json', data: JSON.stringify(body) })
                .done(function (answer) {
                    result.empty();
                    answer.results.forEach(function (r) {
                        line(r.ok, node._('common.connectionTest.' + r.code, r.params));
                    });
                })
                .fail(function (xhr) {
                    result.empty();
                    line(false, node._('common.connectionTest.requestFailed', { status: xhr.status }));
                })
                .always(function () {
                    button.prop('disabled', false);
                });
        });
    };
})();
